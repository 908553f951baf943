using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Audit;

/// <summary>The audit log read back over <c>GET /api/audit</c>, its CSV export and its page, on the real host.</summary>
public sealed class AuditApiTests : IAsyncLifetime
{
    private const string FormulaName = "=HYPERLINK(\"http://evil\",\"x\")";
    private DashboardHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartWithAdminAsync();
        _admin = await _host.CreateSignedInClientAsync();
        using var workflow = await _admin.PostAsJsonAsync("/api/workflows", new { name = "audited-flow", steps = new[] { new { name = "note", type = "log", settings = new { } } } });
        Assert.True(workflow.IsSuccessStatusCode, await workflow.Content.ReadAsStringAsync());
        using var token = await _admin.PostAsJsonAsync("/api/tokens", new { name = FormulaName, role = "Ingest", scopeKind = "All" });
        Assert.True(token.IsSuccessStatusCode, await token.Content.ReadAsStringAsync());
        var created = await _host.Services.GetRequiredService<UserService>().CreateAsync("auditor", "auditor-password-1", UserRole.Viewer, new Actor("setup-script"), default);
        Assert.True(created.Succeeded);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task GetAudit_ActionPrefixAndActor_ListsOnlyMatchingEntries()
    {
        using var viewer = await _host.CreateSignedInClientAsync("auditor", "auditor-password-1");

        var tokens = await GetAsync(viewer, "/api/audit?action=token.*");
        var bySetup = await GetAsync(viewer, "/api/audit?actor=setup-script");
        var workflow = await GetAsync(viewer, "/api/audit?actor=admin&action=workflow.create");

        var token = Assert.Single(tokens["items"]!.AsArray())!;
        Assert.Equal("token.create", token["action"]!.GetValue<string>());
        Assert.Equal(FormulaName, token["target"]!.GetValue<string>());
        Assert.Equal("user.create", Assert.Single(bySetup["items"]!.AsArray())!["action"]!.GetValue<string>());
        Assert.Equal("audited-flow", Assert.Single(workflow["items"]!.AsArray())!["target"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetAudit_PageSizeOne_PagesOnTheServerNewestFirst()
    {
        var all = await GetAsync(_admin, "/api/audit");
        var first = await GetAsync(_admin, "/api/audit?pageSize=1&page=1");
        var second = await GetAsync(_admin, "/api/audit?pageSize=1&page=2");

        var total = all["total"]!.GetValue<long>();
        Assert.True(total >= 4, all.ToJsonString());
        Assert.Equal(total, first["total"]!.GetValue<long>());
        var firstId = Assert.Single(first["items"]!.AsArray())!["id"]!.GetValue<long>();
        var secondId = Assert.Single(second["items"]!.AsArray())!["id"]!.GetValue<long>();
        Assert.True(firstId > secondId);
        Assert.Equal(all["items"]![0]!["id"]!.GetValue<long>(), firstId);
    }

    [Fact]
    public async Task GetAudit_TimeRange_ExcludesEntriesOutsideIt()
    {
        var future = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var past = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        var none = await GetAsync(_admin, $"/api/audit?from={future}");
        var some = await GetAsync(_admin, $"/api/audit?from={past}&to={future}");

        Assert.Equal(0, none["total"]!.GetValue<long>());
        Assert.True(some["total"]!.GetValue<long>() >= 4);
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=31-31-2025", "to")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task GetAudit_BadQuery_Answers400NamingTheField(string query, string field)
    {
        using var response = await _admin.GetAsync($"/api/audit?{query}");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task ExportCsv_FormulaInTarget_IsNeutralisedAndQuoted()
    {
        using var response = await _admin.GetAsync("/api/audit/export?action=token.*");
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("id,at,actor,action,target,details", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains(",admin,token.create,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_FilteredByAction_ShowsMatchingRowsAndNavigationLink()
    {
        using var viewer = await _host.CreateSignedInClientAsync("auditor", "auditor-password-1");

        var html = await viewer.GetStringAsync("/audit?action=user.*");

        Assert.Contains("data-testid=\"audit-row\"", html, StringComparison.Ordinal);
        Assert.Contains("user.create", html, StringComparison.Ordinal);
        Assert.DoesNotContain("workflow.create", html, StringComparison.Ordinal);
        Assert.Contains("href=\"audit\"", html, StringComparison.Ordinal);
        Assert.Contains("api/audit/export?action=user.%2A", html, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
