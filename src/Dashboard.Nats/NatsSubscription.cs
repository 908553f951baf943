using System.Threading.Channels;
using Dashboard.Nats.Internal;

namespace Dashboard.Nats;

/// <summary>
/// A subscription whose messages arrive through a bounded channel. When the channel is full, new messages
/// are dropped and counted (<see cref="DroppedCount"/>) and <see cref="NatsConnection.SlowConsumer"/> is raised.
/// If the server denies the subscription, <see cref="ReadAllAsync"/> throws <see cref="NatsPermissionException"/>
/// (<c>Msgs.ReadAsync</c> wraps it in a ChannelClosedException).
/// </summary>
public sealed class NatsSubscription : IAsyncDisposable, IMsgSink
{
    private readonly NatsConnection _connection;
    private readonly Channel<NatsMsg> _channel;
    private long _dropped;
    private long _received;
    private int _slow;

    internal NatsSubscription(NatsConnection connection, long sid, string subject, string? queueGroup, int capacity)
    {
        _connection = connection;
        Sid = sid;
        Subject = subject;
        QueueGroup = queueGroup;
        _channel = Channel.CreateBounded<NatsMsg>(new BoundedChannelOptions(Math.Max(1, capacity))
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
    }

    public long Sid { get; }

    public string Subject { get; }

    public string? QueueGroup { get; }

    public ChannelReader<NatsMsg> Msgs => _channel.Reader;

    /// <summary>Messages dropped because the channel was full.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Messages put into the channel.</summary>
    public long ReceivedCount => Interlocked.Read(ref _received);

    public IAsyncEnumerable<NatsMsg> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Stops the subscription; messages already in the channel can still be read.</summary>
    public ValueTask UnsubscribeAsync(CancellationToken cancellationToken = default)
    {
        _channel.Writer.TryComplete();
        return _connection.UnsubscribeAsync(Sid, cancellationToken);
    }

    public ValueTask DisposeAsync() => UnsubscribeAsync();

    internal void Complete() => _channel.Writer.TryComplete();

    void IMsgSink.Deliver(NatsMsg msg)
    {
        if (_channel.Writer.TryWrite(msg))
        {
            Interlocked.Increment(ref _received);
            _slow = 0;
            return;
        }

        Interlocked.Increment(ref _dropped);
        if (_slow == 0 && !_channel.Reader.Completion.IsCompleted)
        {
            _slow = 1;
            _connection.ReportSlowConsumer(this);
        }
    }

    void IMsgSink.Fault(Exception error) => _channel.Writer.TryComplete(error);
}
