using Dashboard.Data.Events;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Testing;
using RabbitMQ.Client;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;
using static Dashboard.IntegrationTests.RabbitMq.RabbitMqTestKit;

namespace Dashboard.IntegrationTests.RabbitMq;

/// <summary>
/// RabbitMQ-source definitions against a real rabbitmq-server: CloudEvents in structured and binary mode (AMQP
/// binding), plain messages wrapped or rejected, too-large and unknown content types dead-lettered, every outcome
/// ledgered, and acks sent only for stored events (checked by stopping the host: an unacked message would return).
/// </summary>
public sealed class RabbitMqSourceTests(RabbitMqBrokerFixture broker) : IClassFixture<RabbitMqBrokerFixture>, IAsyncLifetime
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8];
    private DashboardHost? _host;
    private IConnection _connection = null!;
    private IChannel _channel = null!;
    private long _workflowId;

    private string Queue(string name) => $"{_prefix}.{name}";

    public async Task InitializeAsync() => (_connection, _channel) = await ConnectAsync(broker.Server);

    public async Task DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task<DashboardHost> StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        _host = await StartHostAsync(broker.Server, extra);
        using var client = _host.CreateBearerClient(Token);
        _workflowId = await new RunsApi(client).SaveWorkflowAsync("rmq-flow", """[{"name":"note","type":"log","settings":{"message":"got {{ event.id }}"}}]""", null);
        return _host;
    }

    /// <summary>A queue that dead-letters rejected messages into <c>&lt;name&gt;.dlq</c>, used as an existing queue.</summary>
    private async Task DeclareWithDeadLetterAsync(string queue)
    {
        await _channel.QueueDeclareAsync($"{queue}.dlq", durable: true, exclusive: false, autoDelete: false);
        await _channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?>
        {
            ["x-dead-letter-exchange"] = "", ["x-dead-letter-routing-key"] = $"{queue}.dlq",
        });
    }

    private async Task StopHostAsync()
    {
        await _host!.DisposeAsync();
        _host = null;
    }

    [Fact]
    public async Task Consume_StructuredAndBinaryThroughExchange_StoredAndAcked()
    {
        var host = await StartAsync();
        var queue = Queue("orders");
        var exchange = $"{_prefix}.shop";
        await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: true);
        using (var client = host.CreateBearerClient(Token))
        {
            await CreateDefinitionAsync(client, "orders.rmq", queue, wrap: false, "rmq-flow", exchange: exchange, routingKey: "orders.#");
        }

        await UntilConsumingAsync(host, 1);
        await PublishAsync(_channel, "orders.created", Structured("s-1"), "application/cloudevents+json; charset=utf-8", exchange: exchange);
        await PublishAsync(_channel, "orders.created", """{"total":7}""", "application/json", new Dictionary<string, object?>
        {
            ["cloudEvents:specversion"] = "1.0", ["cloudEvents:id"] = "b-1", ["cloudEvents:source"] = "/shop%2Fbinary",
            ["cloudEvents_type"] = "com.example.order",
        }, exchange);

        await UntilAsync(() => Count(host, "SELECT COUNT(*) FROM events WHERE Id IN ('s-1', 'b-1')") == 2, "both events stored");
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Id = 's-1' AND ContentMode = 'Structured'"));
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Id = 'b-1' AND ContentMode = 'Binary' AND Source = '/shop%2Fbinary' AND CAST(Data AS TEXT) = '{\"total\":7}'"));
        Assert.Equal(2, Count(host, $"SELECT COUNT(*) FROM ({LedgerLogSql.All}) WHERE Route = 'rabbitmq:{queue}' AND Outcome = 'Accepted'"));
        await UntilAsync(() => Count(host, $"SELECT COUNT(*) FROM runs WHERE WorkflowId = {_workflowId}") == 2, "both events ran");

        await StopHostAsync();
        Assert.Equal(0u, await ReadyAsync(_channel, queue));
    }

    [Fact]
    public async Task Consume_PlainMessageWithWrapping_WrappedWithMessageIdAndAcked()
    {
        var host = await StartAsync();
        var queue = Queue("plain");
        using (var client = host.CreateBearerClient(Token))
        {
            await CreateDefinitionAsync(client, "plain.rmq", queue, wrap: true, "rmq-flow", typeFilter: "com.example.plain");
        }

        await UntilConsumingAsync(host, 1);
        await PublishAsync(_channel, queue, """{"plain":true}""", "application/json", messageId: "plain-1");
        await PublishAsync(_channel, queue, "just text", "text/plain", messageId: "text-1");

        await UntilAsync(() => Count(host, "SELECT COUNT(*) FROM events WHERE Id IN ('plain-1', 'text-1')") == 2, "both wrapped events stored");
        Assert.Equal(1, Count(host,
            $"SELECT COUNT(*) FROM events WHERE Id = 'plain-1' AND Source = 'rabbitmq://{queue}' AND Type = 'com.example.plain' AND DataIsJson = 1 AND CAST(Data AS TEXT) = '{{\"plain\":true}}'"));
        Assert.Equal(1, Count(host, "SELECT COUNT(*) FROM events WHERE Id = 'text-1' AND DataIsJson = 0 AND CAST(Data AS TEXT) = 'just text'"));

        await StopHostAsync();
        Assert.Equal(0u, await ReadyAsync(_channel, queue));
    }

    [Fact]
    public async Task Consume_NotACloudEventWithoutWrapping_RejectedLedgeredAndDeadLettered()
    {
        var host = await StartAsync();
        var queue = Queue("strict");
        await DeclareWithDeadLetterAsync(queue);
        using (var client = host.CreateBearerClient(Token))
        {
            await CreateDefinitionAsync(client, "strict.rmq", queue, wrap: false, "rmq-flow", declare: false);
        }

        await UntilConsumingAsync(host, 1);
        await PublishAsync(_channel, queue, """{"plain":true}""", "application/json");
        await PublishAsync(_channel, queue, Structured("after-bad"), "application/cloudevents+json");

        await UntilAsync(() => Count(host, "SELECT COUNT(*) FROM events WHERE Id = 'after-bad'") == 1, "the valid event after the bad one stored");
        await UntilAsync(async () => await ReadyAsync(_channel, $"{queue}.dlq") == 1, "the bad message dead-lettered");
        Assert.Equal(1, Count(host, $"SELECT COUNT(*) FROM ingestion_ledger WHERE Route = 'rabbitmq:{queue}' AND Outcome = 'RejectedInvalid' AND Status = 400"));
        Assert.Equal(1, Count(host, $"SELECT COUNT(*) FROM activity WHERE WorkflowId = {_workflowId} AND Kind = 'rejected-invalid'"));
        Assert.Equal(0u, await ReadyAsync(_channel, queue));
    }

    [Fact]
    public async Task Consume_TooLargeMessage_RejectedTooLargeAndDeadLettered()
    {
        var host = await StartAsync(new Dictionary<string, string> { ["Ingestion:MaxBodyBytes"] = "2048" });
        var queue = Queue("large");
        await DeclareWithDeadLetterAsync(queue);
        using (var client = host.CreateBearerClient(Token))
        {
            await CreateDefinitionAsync(client, "large.rmq", queue, wrap: true, "rmq-flow", declare: false);
        }

        await UntilConsumingAsync(host, 1);
        await PublishAsync(_channel, queue, Structured("big-1", data: $"\"{new string('x', 4096)}\""), "application/cloudevents+json");

        await UntilAsync(async () => await ReadyAsync(_channel, $"{queue}.dlq") == 1, "the large message dead-lettered");
        Assert.Equal(1, Count(host, $"SELECT COUNT(*) FROM ingestion_ledger WHERE Route = 'rabbitmq:{queue}' AND Outcome = 'TooLarge' AND Status = 413"));
        Assert.Equal(1, Count(host, $"SELECT COUNT(*) FROM activity WHERE WorkflowId = {_workflowId} AND Kind = 'rejected'"));
        Assert.Equal(0, Count(host, "SELECT COUNT(*) FROM events WHERE Id = 'big-1'"));
    }

    [Fact]
    public async Task Consume_UnknownContentType_RejectedUnsupportedAndDeadLettered()
    {
        var host = await StartAsync();
        var queue = Queue("types");
        await DeclareWithDeadLetterAsync(queue);
        using (var client = host.CreateBearerClient(Token))
        {
            await CreateDefinitionAsync(client, "types.rmq", queue, wrap: false, "rmq-flow", declare: false);
        }

        await UntilConsumingAsync(host, 1);
        await PublishAsync(_channel, queue, "<order/>", "application/xml");
        await PublishAsync(_channel, queue, Structured("xml-format"), "application/cloudevents+xml");

        await UntilAsync(async () => await ReadyAsync(_channel, $"{queue}.dlq") == 2, "both messages dead-lettered");
        Assert.Equal(2, Count(host, $"SELECT COUNT(*) FROM ingestion_ledger WHERE Route = 'rabbitmq:{queue}' AND Outcome = 'UnsupportedMediaType' AND Status = 415"));
        Assert.Equal(0, Count(host, "SELECT COUNT(*) FROM events WHERE Id = 'xml-format'"));
    }
}
