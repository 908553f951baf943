using Dashboard.Data.Events;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;
using static Dashboard.IntegrationTests.RabbitMq.RabbitMqTestKit;

namespace Dashboard.IntegrationTests.RabbitMq;

/// <summary>
/// A RabbitMQ delivery refused because the store is behind (its oldest request waited past
/// <c>Ingestion:Store:MaxQueueWaitMilliseconds</c>) is requeued, not lost, and stored once when the store catches up.
/// The store is held for real: another connection keeps SQLite's write lock.
/// </summary>
public sealed class RabbitMqOverloadTests(RabbitMqBrokerFixture broker) : IClassFixture<RabbitMqBrokerFixture>, IAsyncLifetime
{
    private readonly string _queue = "t" + Guid.NewGuid().ToString("N")[..8] + ".behind";
    private IConnection _connection = null!;
    private IChannel _channel = null!;

    public async Task InitializeAsync() => (_connection, _channel) = await ConnectAsync(broker.Server);

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task Consume_StoreBehind_DeliveryRequeuedAndStoredOnceAfter()
    {
        await using var host = await StartHostAsync(broker.Server, new Dictionary<string, string>
        {
            ["Ingestion:Store:MaxQueueWaitMilliseconds"] = "100", ["Storage:BusyTimeoutMilliseconds"] = "60000",
        });
        using (var client = host.CreateBearerClient(Token))
        {
            await new Workflows.RunsApi(client).SaveWorkflowAsync("behind-flow", """[{"name":"note","type":"log","settings":{"message":"got {{ event.id }}"}}]""", null);
            await CreateDefinitionAsync(client, "behind.rmq", _queue, wrap: false, "behind-flow");
        }

        await UntilConsumingAsync(host, 1);
        var writer = host.Services.GetRequiredService<EventStoreWriter>();
        using (var blocker = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False"))
        {
            blocker.Open();
            using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                begin.ExecuteNonQuery();
            }

            await PublishAsync(_channel, _queue, Structured("behind-1"), "application/cloudevents+json");
            await UntilAsync(() => writer.OldestIngestionWait > TimeSpan.FromMilliseconds(200), "the first delivery waits for the store");
            await PublishAsync(_channel, _queue, Structured("behind-2"), "application/cloudevents+json");
            await UntilAsync(() => host.Logs.Lines.Any(line => line.Contains("The event store is behind", StringComparison.Ordinal)
                && line.Contains(_queue, StringComparison.Ordinal)), "the second delivery refused as the store is behind");
            Assert.Equal(0, Count(host, "SELECT COUNT(*) FROM events WHERE Id LIKE 'behind-%'"));
        }

        await UntilAsync(() => Count(host, "SELECT COUNT(*) FROM events WHERE Id IN ('behind-1', 'behind-2')") == 2, "both deliveries stored", TimeSpan.FromSeconds(60));
        await UntilAsync(async () => await ReadyAsync(_channel, _queue) == 0, "the queue drained");
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Id = 'behind-1'"));
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Id = 'behind-2'"));
    }
}
