using Dashboard.Data;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions.Yaml;
using Dashboard.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Definitions;

public sealed class YamlTransferTests
{
    private static readonly Actor Tester = new("tester");

    private const string OneBadItem = """
        version: 1
        workflows:
          - name: notify
            steps:
              - name: say
                type: log
                settings:
                  message: hello
        events:
          - key: orders.created
            source: http
            route: orders
            workflows: [notify]
          - key: nightly
            source: cron
            schedule: not a cron
        """;

    internal const string Sample = """
        version: 1
        workflows:
          - name: notify
            description: "Tell someone: an order came in"
            steps:
              - name: say
                type: log
                settings:
                  message: "order {{ event.data.id }}"
              - name: call
                type: http
                settings:
                  url: https://example.invalid/hook
                  headers:
                    x-flag: "true"
          - name: empty
            enabled: false
            steps: []
        events:
          - key: orders.created
            description: |-
              Orders from the shop.
              Second line.
            source: http
            route: shop/orders
            method: PUT
            type: com.example.order.created
            auth: token
            workflows: [empty, notify]
            schema:
              type: object
              required: [id]
              properties:
                id: { type: integer, minimum: 1 }
                note: { type: string }
          - key: nightly
            source: cron
            schedule: "0 2 * * *"
            timeZone: UTC
            auth: public
            workflows: [notify]
          - key: manual.ping
            source: manual
            auth: public
            enabled: false
          - key: orders.from-nats
            source: nats
            subject: shop.orders.>
            stream: SHOP_ORDERS
            wrapNonCloudEvents: false
            auth: public
            workflows: [notify]
        """;

    [Fact]
    public async Task ImportAsync_OneBadItem_SavesNothingAndNamesLineAndField()
    {
        await using var host = await DashboardHost.StartAsync();

        var result = await Importer(host).ImportAsync(OneBadItem, Tester, dryRun: false, CancellationToken.None);

        Assert.False(result.Applied);
        var error = Assert.Single(result.Errors);
        Assert.Equal((16, "event 'nightly'.cronExpression"), (error.Line, error.Field));
        Assert.Equal((0, 0), await CountsAsync(host));
    }

    [Fact]
    public async Task ImportAsync_MalformedYaml_ReportsLine()
    {
        await using var host = await DashboardHost.StartAsync();
        const string yaml = "version: 1\nworkflows:\n  - name: a\n    description: x\n   enabled: true\n";

        var result = await Importer(host).ImportAsync(yaml, Tester, dryRun: false, CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal((5, "document"), (error.Line, error.Field));
        Assert.Equal((0, 0), await CountsAsync(host));
    }

    [Fact]
    public async Task ImportAsync_UnknownField_NamesLineAndField()
    {
        await using var host = await DashboardHost.StartAsync();
        const string yaml = "version: 1\nevents:\n  - key: a\n    route: a\n    colour: blue\n";

        var result = await Importer(host).ImportAsync(yaml, Tester, dryRun: false, CancellationToken.None);

        var error = Assert.Single(result.Errors);
        Assert.Equal((5, "events[0].colour"), (error.Line, error.Field));
    }

    [Fact]
    public async Task ImportAsync_DryRun_ReportsPlanAndSavesNothing()
    {
        await using var host = await DashboardHost.StartAsync();

        var result = await Importer(host).ImportAsync(Sample, Tester, dryRun: true, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.False(result.Applied);
        Assert.Equal(6, result.Changes.Count);
        Assert.All(result.Changes, c => Assert.Equal("create", c.Action));
        Assert.Equal((0, 0), await CountsAsync(host));
    }

    [Fact]
    public async Task ExportImport_RoundTrip_IsStable()
    {
        string first;
        await using (var source = await DashboardHost.StartAsync())
        {
            var imported = await Importer(source).ImportAsync(Sample, Tester, dryRun: false, CancellationToken.None);
            Assert.True(imported.Applied, string.Join("\n", imported.Errors));
            first = await Exporter(source).ExportAsync(CancellationToken.None);

            var again = await Importer(source).ImportAsync(first, Tester, dryRun: false, CancellationToken.None);
            Assert.True(again.Applied, string.Join("\n", again.Errors));
            Assert.All(again.Changes, c => Assert.Equal("update", c.Action));
            Assert.Equal(first, await Exporter(source).ExportAsync(CancellationToken.None));
        }

        await using var target = await DashboardHost.StartAsync();
        var result = await Importer(target).ImportAsync(first, Tester, dryRun: false, CancellationToken.None);
        Assert.True(result.Applied, string.Join("\n", result.Errors));
        Assert.Equal((2, 4), await CountsAsync(target));
        Assert.Equal(first, await Exporter(target).ExportAsync(CancellationToken.None));
        Assert.Contains("Second line.", first, StringComparison.Ordinal);
        Assert.Contains("com.example.order.created", first, StringComparison.Ordinal);
        Assert.Contains("stream: SHOP_ORDERS", first, StringComparison.Ordinal);
        Assert.Contains("wrapNonCloudEvents: false", first, StringComparison.Ordinal);
    }

    private const string SyncSample = """
        version: 1
        workflows:
          - name: quote
            steps:
              - name: answer
                type: respond
                settings:
                  status: 200
                  body: { total: "{{ event.data.qty }}" }
          - name: other
            steps: []
        events:
          - key: orders.quote
            source: http
            route: quote
            mode: sync
            timeoutSeconds: 5
            auth: public
            workflows: [quote]
            responseSchema:
              type: object
              required: [total]
            validationErrorBody: { ok: false, problems: $errors }
        """;

    [Fact]
    public async Task ExportImport_SyncEvent_RoundTripsModeTimeoutAndSchemas()
    {
        await using var host = await DashboardHost.StartAsync();
        var imported = await Importer(host).ImportAsync(SyncSample, Tester, dryRun: false, CancellationToken.None);
        Assert.True(imported.Applied, string.Join("\n", imported.Errors));

        var exported = await Exporter(host).ExportAsync(CancellationToken.None);
        var again = await Importer(host).ImportAsync(exported, Tester, dryRun: false, CancellationToken.None);

        Assert.True(again.Applied, string.Join("\n", again.Errors));
        Assert.Equal(exported, await Exporter(host).ExportAsync(CancellationToken.None));
        Assert.Contains("mode: sync", exported, StringComparison.Ordinal);
        Assert.Contains("timeoutSeconds: 5", exported, StringComparison.Ordinal);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        var definition = await db.EventDefinitions.SingleAsync();
        Assert.Equal(Dashboard.Data.Entities.EventMode.Sync, definition.Mode);
        Assert.Equal(5, definition.SyncTimeoutSeconds);
        Assert.Equal("""{"type":"object","required":["total"]}""", definition.ResponseSchema);
        Assert.Equal("""{"ok":false,"problems":"$errors"}""", definition.ValidationErrorBody);
    }

    [Fact]
    public async Task ImportAsync_SyncEventWithTwoWorkflows_NamesWorkflowsField()
    {
        await using var host = await DashboardHost.StartAsync();
        var yaml = SyncSample.Replace("workflows: [quote]", "workflows: [quote, other]", StringComparison.Ordinal);

        var result = await Importer(host).ImportAsync(yaml, Tester, dryRun: false, CancellationToken.None);

        Assert.False(result.Applied);
        var error = Assert.Single(result.Errors);
        Assert.Equal("event 'orders.quote'.workflowNames", error.Field);
        Assert.Contains("exactly one workflow", error.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0), await CountsAsync(host));
    }

    [Fact]
    public async Task ImportExport_WebSocketSource_KeepsSourceRouteAndAuth()
    {
        const string yaml = """
            version: 1
            events:
              - key: orders.stream
                source: websocket
                route: orders/stream
                auth: token
            """;
        await using var host = await DashboardHost.StartAsync();

        var result = await Importer(host).ImportAsync(yaml, Tester, dryRun: false, CancellationToken.None);
        var exported = await Exporter(host).ExportAsync(CancellationToken.None);

        Assert.True(result.Applied, string.Join("\n", result.Errors));
        Assert.Contains("source: websocket", exported, StringComparison.Ordinal);
        Assert.Contains("route: orders/stream", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("method:", exported, StringComparison.Ordinal);
        var missingRoute = await Importer(host).ImportAsync(yaml.Replace("    route: orders/stream\n", "", StringComparison.Ordinal), Tester, dryRun: true, CancellationToken.None);
        Assert.True(missingRoute.Errors.Any(e => e.Field.EndsWith("httpRoute", StringComparison.Ordinal) && e.Message.Contains("WebSocket", StringComparison.Ordinal)), string.Join("; ", missingRoute.Errors));
    }

    private static DefinitionsImporter Importer(DashboardHost host) => host.Services.GetRequiredService<DefinitionsImporter>();

    private static DefinitionsYamlExporter Exporter(DashboardHost host) => host.Services.GetRequiredService<DefinitionsYamlExporter>();

    private static async Task<(int Workflows, int Events)> CountsAsync(DashboardHost host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        return (await db.WorkflowDefinitions.CountAsync(), await db.EventDefinitions.CountAsync());
    }
}
