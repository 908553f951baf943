using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Dashboard.IntegrationTests.Security;

/// <summary>Every endpoint the app maps requires sign-in unless it is on the allow-list below, so a new route cannot slip through.</summary>
public sealed partial class AnonymousAccessTests(ITestOutputHelper output)
{
    /// <summary>Open on purpose: sign-in, setup and access-denied pages, sign-out, health, scripts and styles, ingestion.</summary>
    private static readonly Regex[] AllowList =
    [
        new(@"^/account/(login|setup|access-denied)$"),
        new(@"^POST /account/logout$"),
        new(@"^/healthz(/live|/ready)?$"),
        new(@"^/_framework/"),
        new(@"^/reference/(scalar\.js|scalar\.aspnetcore\.js|favicon\.svg)$"), // the reference page's own scripts and icon
        new(@"^/hooks/"),
        new(@"^/ws/"), // WebSocket source: credentials checked per definition at the handshake
        new(@"^(POST|PUT|DELETE|PATCH|OPTIONS|TRACE) /events$"), // ingestion: POST, and 405 with Allow for the rest
    ];

    [GeneratedRegex(@"\.(css|js|mjs|map|woff2?|ttf|eot|svg|png|ico|jpg|gif|json|txt|gz|br)$")]
    private static partial Regex StaticAssetFile();

    [Fact]
    public async Task AnonymousRequest_EveryEndpointNotAllowListed_IsChallenged()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using var client = host.CreateClient();
        var staticAssets = StaticAssetPaths(host);
        var checkedRoutes = 0;
        var failures = new List<string>();

        foreach (var (method, path, pattern) in Routes(host))
        {
            if (staticAssets.Contains(path) || AllowList.Any(r => r.IsMatch(path) || r.IsMatch($"{method} {path}")))
            {
                output.WriteLine($"allowed: {method} {path} ({pattern})");
                continue;
            }

            checkedRoutes++;
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            var location = response.Headers.Location;
            var verdict = IsMachinePath(path)
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && location is not null
                    && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]) == "/account/login";
            output.WriteLine($"{method} {path} ({pattern}) -> {(int)response.StatusCode} {location}");
            if (!verdict)
            {
                failures.Add($"{method} {path} ({pattern}) answered {(int)response.StatusCode} {location}");
            }
        }

        Assert.True(checkedRoutes > 0, "No protected endpoints were found; the enumeration is broken.");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task AnonymousRequest_AllowListedPagesAndAssets_AreServed()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.CreateClient();

        foreach (var path in new[] { "/account/setup", "/healthz", "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.js", "/_content/MudBlazor/MudBlazor.min.css", "/css/app.css" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        }
    }

    private static bool IsMachinePath(string path) =>
        path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api" || path.StartsWith("/openapi/", StringComparison.Ordinal) || path.StartsWith("/hubs/", StringComparison.Ordinal) || path == "/hubs" || path == "/metrics";

    private static HashSet<string> StaticAssetPaths(DashboardHost host)
    {
        // Files the app serves from wwwroot and packages: listed by the build's endpoints manifest.
        var manifest = Path.Combine(AppContext.BaseDirectory, "Dashboard.Web.staticwebassets.endpoints.json");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.GetProperty("Endpoints").EnumerateArray()
            .Select(e => "/" + e.GetProperty("Route").GetString())
            .Where(p => StaticAssetFile().IsMatch(p))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<(string Method, string Path, string Pattern)> Routes(DashboardHost host)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } list ? list : ["GET"];
            var path = SamplePath(endpoint.RoutePattern);
            foreach (var method in methods.Where(m => m != "OPTIONS" && m != "HEAD"))
            {
                if (seen.Add($"{method} {path}"))
                {
                    yield return (method, path, endpoint.RoutePattern.RawText ?? path);
                }
            }
        }
    }

    /// <summary>A concrete path for a route pattern: numbers for numeric parameters, "x" for others, "x/y" for catch-alls.</summary>
    public static string SamplePath(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { IsCatchAll: true } parameter when parameter.ParameterPolicies.Any(p => p.Content == "file") => "x/y.txt",
            RoutePatternParameterPart { IsCatchAll: true } => "x/y",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content is "long" or "int" or "decimal" or "double" or "float") => "1",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "guid") => Guid.Empty.ToString(),
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "bool") => "true",
            RoutePatternParameterPart => "x",
            _ => "",
        })));
        return "/" + string.Join('/', segments).TrimEnd('/');
    }
}
