using System.Net.Http.Json;
using Dashboard.IntegrationTests.RabbitMq;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Testing;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;
using static Dashboard.IntegrationTests.Lag.LagTestKit;
using static Dashboard.IntegrationTests.RabbitMq.RabbitMqTestKit;

namespace Dashboard.IntegrationTests.Lag;

/// <summary>RabbitMQ source lag from a real rabbitmq-server: the queue depth grows while its source is stopped and falls after.</summary>
[Collection(nameof(Dashboard.IntegrationTests.Telemetry.ScrapedMetricsCollection))]
public sealed class RabbitMqLagTests(RabbitMqBrokerFixture broker) : IClassFixture<RabbitMqBrokerFixture>
{
    [Fact]
    public async Task ConsumerLag_SourceStoppedThenStarted_PendingGrowsThenFallsAndTheGaugeIsScraped()
    {
        await using var host = await StartHostAsync(broker.Server);
        using var client = host.CreateBearerClient(Token);
        await new RunsApi(client).SaveWorkflowAsync("lag-flow", """[{"name":"note","type":"log","settings":{"message":"got {{ event.id }}"}}]""", null);
        await CreateDefinitionAsync(client, "lag.rmq", "lag-rmq", wrap: false, "lag-flow");
        await CreateDefinitionAsync(client, "lag.keep", "lag-keep", wrap: false, "lag-flow");
        await UntilConsumingAsync(host, 2);
        var id = Count(host, "SELECT Id FROM event_definitions WHERE Key = 'lag.rmq'");

        await SetEnabledAsync(client, id, false);
        await UntilConsumingAsync(host, 1);
        var (connection, channel) = await ConnectAsync(broker.Server);
        await using (connection)
        await using (channel)
        {
            for (var i = 0; i < 40; i++)
            {
                await PublishAsync(channel, "lag-rmq", Structured($"lag-{i}"), "application/cloudevents+json");
            }
        }

        // Stopped: every confirmed message waits in the queue, and nobody consumes it.
        await UntilAsync(async () => await PendingAsync(client, id) == 40, "40 pending on lag-rmq", TimeSpan.FromSeconds(30));
        var stopped = await LagAsync(client, id);
        Assert.Equal(0, stopped["lag"]!["consumers"]!.GetValue<int>());
        Assert.Equal("lag-rmq", stopped["lag"]!["consumer"]!.GetValue<string>());

        await SetEnabledAsync(client, id, true);
        await UntilAsync(() => Count(host, "SELECT COUNT(*) FROM events WHERE Id LIKE 'lag-%'") == 40, "the 40 messages stored", TimeSpan.FromSeconds(60));
        await UntilAsync(async () => await PendingAsync(client, id) == 0, "nothing pending on lag-rmq", TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await LagAsync(client, id))["lag"]!["consumers"]!.GetValue<int>());

        // The gauge names each consumed queue once collected (the first scrape may start the read).
        var metrics = "";
        await UntilAsync(async () =>
        {
            metrics = await client.GetStringAsync("/metrics");
            return Gauge(metrics, "rabbitmq", "lag-rmq", "pending") == 0 && Gauge(metrics, "rabbitmq", "lag-keep", "ack_pending") == 0;
        }, "the rabbitmq lag gauge for both queues", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ConsumerLag_HttpDefinition_DoesNotApply()
    {
        await using var host = await StartHostAsync(broker.Server);
        using var client = host.CreateBearerClient(Token);
        using var created = await client.PostAsJsonAsync("/api/event-definitions", new { key = "lag.http", sourceKind = "Http", httpRoute = "lag", authMode = "Token" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var lag = await LagAsync(client, Count(host, "SELECT Id FROM event_definitions WHERE Key = 'lag.http'"));

        Assert.False(lag["applies"]!.GetValue<bool>());
    }
}
