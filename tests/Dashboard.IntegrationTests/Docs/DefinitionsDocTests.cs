using System.Text.RegularExpressions;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions.Yaml;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Docs;

/// <summary>The example in docs/definitions.md must import cleanly, so the documentation cannot drift from the reader.</summary>
public sealed partial class DefinitionsDocTests
{
    [GeneratedRegex(@"^```yaml\s*\n(?<body>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex YamlBlock();

    [Fact]
    public async Task ImportAsync_DocumentedExample_ImportsCleanly()
    {
        var markdown = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "definitions.md"));
        var block = Assert.Single(YamlBlock().Matches(markdown)).Groups["body"].Value;
        await using var host = await DashboardHost.StartAsync();

        var result = await host.Services.GetRequiredService<DefinitionsImporter>().ImportAsync(block, new Actor("docs"), dryRun: false, CancellationToken.None);

        Assert.True(result.Applied, string.Join("\n", result.Errors));
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.Equal(3, await db.WorkflowDefinitions.CountAsync());
        var events = await db.EventDefinitions.ToListAsync();
        Assert.Equal(7, events.Count);
        Assert.Contains(events, e => e is
        {
            SourceKind: EventSourceKind.Http, Mode: EventMode.Sync, SyncTimeoutSeconds: 10, ResponseSchema: not null, ValidationErrorBody: not null,
        });
        Assert.Contains(events, e => e is { SourceKind: EventSourceKind.WebSocket, HttpRoute: "shop/orders/stream", AuthMode: EventAuthMode.Token });
        Assert.Contains(events, e => e is
        {
            SourceKind: EventSourceKind.RabbitMq, RabbitQueue: "dashboard.orders", RabbitDeclareQueue: true, RabbitExchange: "shop",
            RabbitRoutingKey: "orders.#", RabbitPrefetch: 32, NatsWrapNonCloudEvents: false,
        });
        Assert.Contains(events, e => e is { SourceKind: EventSourceKind.Nats, NatsSubject: "shop.orders.created", NatsStream: "SHOP_ORDERS" });
        Assert.Contains(events, e => e is { SourceKind: EventSourceKind.Http, AuthMode: EventAuthMode.Token, DataSchema: not null });
        Assert.Contains(events, e => e is { SourceKind: EventSourceKind.Cron, CronExpression: not null });
        Assert.Contains(events, e => e.AuthMode == EventAuthMode.Public);
    }
}
