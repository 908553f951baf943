using Bunit;
using Dashboard.Testing;
using Dashboard.Runtime.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.ComponentTests;

/// <summary>One real app host (SQLite store in a temp folder, live feed) per test class; pages render against its services.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    public DashboardHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await DashboardHost.StartAsync(new Dictionary<string, string> { ["LiveFeed:ViewCapacity"] = "10" });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A bunit context for <paramref name="role"/> whose services fall back to the host's, rendering as an interactive circuit.</summary>
    public BunitContext Context(string role)
    {
        var ctx = TestContexts.Create(role);
        // A scope of the host's container: its singletons (store, live feed, query services) are the host's own,
        // and scoped services the renderer asks for resolve inside the scope rather than from the root.
        ctx.Services.AddFallbackServiceProvider(Host.Services.CreateScope().ServiceProvider);
        // The test context registers the options system itself, so the host's bound live-feed options are passed on by name.
        ctx.Services.AddSingleton(Host.Services.GetRequiredService<IOptions<LiveFeedOptions>>());
        ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return ctx;
    }
}
