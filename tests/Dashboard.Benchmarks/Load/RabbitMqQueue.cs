using RabbitMQ.Client;

namespace Dashboard.Benchmarks.Load;

/// <summary>
/// A fresh durable queue on the benchmark's broker: pre-filled with persistent structured CloudEvents under publisher
/// confirms (a publish counts once the broker confirmed it), then, after the run, deleted once nothing consumes it.
/// </summary>
public sealed class RabbitMqQueue : IAsyncDisposable
{
    private const int PublishWindow = 500;
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private RabbitMqQueue(string name, IConnection connection, IChannel channel)
    {
        Name = name;
        _connection = connection;
        _channel = channel;
    }

    public string Name { get; }

    public static async Task<RabbitMqQueue> DeclareAsync(Uri amqpUrl, string name, CancellationToken cancellationToken)
    {
        var connection = await new ConnectionFactory { Uri = amqpUrl, ClientProvidedName = "dashboard-bench" }.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cancellationToken);
        return new RabbitMqQueue(name, connection, channel);
    }

    /// <summary>Publishes <paramref name="count"/> events (ids from <paramref name="events"/>), at most a window of them
    /// unconfirmed at once; returns when the broker has confirmed every one.</summary>
    public async Task PublishAsync(CloudEventRequests events, int count, CancellationToken cancellationToken)
    {
        var pending = new List<Task>(PublishWindow);
        for (var n = 0; n < count; n++)
        {
            pending.Add(Publish(events.StructuredBytes(n), events.IdFor(n), cancellationToken));
            if (pending.Count == PublishWindow)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
    }

    /// <summary>Messages ready in the queue and consumers attached to it.</summary>
    public async Task<(uint Ready, uint Consumers)> DepthAsync(CancellationToken cancellationToken)
    {
        var ok = await _channel.QueueDeclarePassiveAsync(Name, cancellationToken);
        return (ok.MessageCount, ok.ConsumerCount);
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) until no consumer is attached, then deletes the queue.</summary>
    public async Task DeleteAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + timeout;
        while ((await DepthAsync(cancellationToken)).Consumers > 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(100, cancellationToken);
        }

        await _channel.QueueDeleteAsync(Name, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private async Task Publish(byte[] body, string id, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties { ContentType = "application/cloudevents+json", DeliveryMode = DeliveryModes.Persistent, MessageId = id };
        await _channel.BasicPublishAsync("", Name, mandatory: true, properties, body, cancellationToken);
    }
}
