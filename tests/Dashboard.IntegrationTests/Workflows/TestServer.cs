using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>
/// A Kestrel server on 127.0.0.1:0 that http steps call. It records every request and, like a real idempotent API,
/// performs each side effect once per Idempotency-Key: a repeated key gets the first answer again.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _effects = new(StringComparer.Ordinal);

    private TestServer(WebApplication app) => _app = app;

    public sealed record Seen(string Path, string? IdempotencyKey, string Body);

    public Uri BaseAddress { get; private set; } = null!;
    public ConcurrentQueue<Seen> Requests { get; } = new();

    /// <summary>Side effects performed, by idempotency key (at most one each).</summary>
    public IReadOnlyDictionary<string, int> Effects => _effects;

    /// <summary>How a path answers; the argument is how many times this path was called before (0 for the first call).</summary>
    public ConcurrentDictionary<string, Func<int, CancellationToken, Task<int>>> Routes { get; } = new(StringComparer.Ordinal);

    public static async Task<TestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TestServer(app);
        var calls = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? "/";
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
            server.Requests.Enqueue(new Seen(path, key, body));
            var previous = calls.AddOrUpdate(path, 1, (_, n) => n + 1) - 1;
            var status = server.Routes.TryGetValue(path, out var route) ? await route(previous, context.RequestAborted) : 200;
            if (status is >= 200 and < 300 && key is not null)
            {
                server._effects.TryAdd(key, 1);
            }

            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { path, key, call = previous + 1 }, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
