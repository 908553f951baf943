using System.Net.Http.Json;
using System.Text;
using Dashboard.Runtime.RabbitMq;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.RabbitMq;

/// <summary>Steps of the RabbitMQ source tests: a host on the broker, definitions, a confirming publisher, queue depths.</summary>
internal static class RabbitMqTestKit
{
    public static Task<DashboardHost> StartHostAsync(RabbitMqTestServer server, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["RabbitMq:Uri"] = server.Uri,
            ["RabbitMq:ReconnectSeconds"] = "0.5",
            ["RabbitMq:RequeueDelaySeconds"] = "0.2",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return Eventing.EventingTestKit.StartHostAsync(settings);
    }

    public static async Task CreateDefinitionAsync(
        HttpClient client, string key, string queue, bool wrap, string workflow, bool declare = true, string? exchange = null, string? routingKey = null,
        string? typeFilter = null)
    {
        using var response = await client.PostAsJsonAsync("/api/event-definitions", new
        {
            key, sourceKind = "RabbitMq", rabbitQueue = queue, rabbitDeclareQueue = declare, rabbitExchange = exchange, rabbitRoutingKey = routingKey,
            rabbitPrefetch = 16, natsWrapNonCloudEvents = wrap, typeFilter, authMode = "Public", workflowNames = new[] { workflow },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static Task UntilConsumingAsync(DashboardHost host, int queues) =>
        UntilAsync(() => host.Services.GetRequiredService<RabbitMqEventSources>().Count == queues, $"{queues} queue(s) consumed", TimeSpan.FromSeconds(60));

    /// <summary>A connection and channel with publisher confirms: a publish returns once the broker confirmed it.</summary>
    public static async Task<(IConnection Connection, IChannel Channel)> ConnectAsync(RabbitMqTestServer server)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(server.Uri) }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return (connection, channel);
    }

    public static async Task PublishAsync(
        IChannel channel, string routingKey, string body, string? contentType, IDictionary<string, object?>? headers = null, string exchange = "",
        string? messageId = null) =>
        await PublishBytesAsync(channel, routingKey, Encoding.UTF8.GetBytes(body), contentType, headers, exchange, messageId);

    public static async Task PublishBytesAsync(
        IChannel channel, string routingKey, byte[] body, string? contentType, IDictionary<string, object?>? headers = null, string exchange = "",
        string? messageId = null)
    {
        var properties = new BasicProperties { ContentType = contentType, Headers = headers, MessageId = messageId, DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync(exchange, routingKey, mandatory: true, properties, body);
    }

    /// <summary>Ready messages in <paramref name="queue"/> (unacknowledged ones are not counted).</summary>
    public static async Task<uint> ReadyAsync(IChannel channel, string queue) => (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;

    public static string Structured(string id, string type = "com.example.order", string data = """{"total":5}""") =>
        $$"""{"specversion":"1.0","id":"{{id}}","source":"/shop","type":"{{type}}","data":{{data}}}""";
}
