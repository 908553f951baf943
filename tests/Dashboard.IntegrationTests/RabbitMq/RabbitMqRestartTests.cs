using Dashboard.Data.Events;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Testing;
using RabbitMQ.Client;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;
using static Dashboard.IntegrationTests.RabbitMq.RabbitMqTestKit;

namespace Dashboard.IntegrationTests.RabbitMq;

/// <summary>A broker restart while the source consumes: every message the broker confirmed ends up stored exactly once.</summary>
public sealed class RabbitMqRestartTests : IAsyncLifetime
{
    private RabbitMqTestServer _server = null!;
    private DashboardHost _host = null!;

    public async Task InitializeAsync()
    {
        _server = await RabbitMqTestServer.StartNewAsync();
        _host = await StartHostAsync(_server);
        using var client = _host.CreateBearerClient(Token);
        await new RunsApi(client).SaveWorkflowAsync("rmq-flow", """[{"name":"note","type":"log","settings":{"message":"got {{ event.id }}"}}]""", null);
        await CreateDefinitionAsync(client, "restart.rmq", "restart", wrap: false, "rmq-flow");
        await UntilConsumingAsync(_host, 1);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Consume_BrokerRestartMidStream_EveryConfirmedMessageStoredExactlyOnce()
    {
        var confirmed = new List<string>();
        await PublishBatchAsync(0, 300, confirmed);

        // Stop while the source still has deliveries in hand, then start the same node (same folders and port) again.
        await UntilAsync(() => Count(_host, "SELECT COUNT(*) FROM events") > 0, "the first events stored");
        await _server.StopAsync();
        await _server.StartAsync();
        await PublishBatchAsync(300, 300, confirmed);

        Assert.Equal(600, confirmed.Count);
        await UntilAsync(() => Count(_host, "SELECT COUNT(*) FROM events WHERE Id LIKE 'r-%'") == confirmed.Count,
            "every confirmed message stored", TimeSpan.FromSeconds(120));
        Assert.Equal(confirmed.Count, Count(_host, "SELECT COUNT(DISTINCT Id) FROM events WHERE Id LIKE 'r-%'"));
        Assert.Equal(confirmed.Count, Count(_host, $"SELECT COUNT(*) FROM ({LedgerLogSql.All}) WHERE Route = 'rabbitmq:restart' AND Outcome = 'Accepted'"));

        // Every delivery was settled: with the source stopped, nothing returns to the queue.
        await _host.DisposeAsync();
        _host = await StartWithoutSourceAsync();
        var (connection, channel) = await ConnectAsync(_server);
        await using (connection)
        await using (channel)
        {
            Assert.Equal(0u, await ReadyAsync(channel, "restart"));
        }
    }

    private Task<DashboardHost> StartWithoutSourceAsync() => DashboardHost.StartAsync();

    private async Task PublishBatchAsync(int from, int count, List<string> confirmed)
    {
        var (connection, channel) = await ConnectAsync(_server);
        await using (connection)
        await using (channel)
        {
            for (var i = from; i < from + count; i++)
            {
                var id = $"r-{i}";
                await PublishAsync(channel, "restart", Structured(id), "application/cloudevents+json");
                confirmed.Add(id);
            }
        }
    }
}
