using System.Text;
using System.Text.Json;

namespace Dashboard.Nats.JetStream;

/// <summary>A message fetched from a pull consumer, with its delivery metadata and acknowledgement methods.</summary>
public sealed class NatsJsMsg
{
    private readonly NatsConnection _connection;

    internal NatsJsMsg(NatsMsg msg, NatsConnection connection)
    {
        Msg = msg;
        _connection = connection;
        NatsJsMsgMetadata.TryParse(msg.ReplyTo, out var metadata);
        Metadata = metadata;
    }

    public NatsMsg Msg { get; }

    public string Subject => Msg.Subject;

    public ReadOnlyMemory<byte> Data => Msg.Data;

    public NatsHeaders? Headers => Msg.Headers;

    /// <summary>Null only if the server sent a reply subject this client does not understand.</summary>
    public NatsJsMsgMetadata? Metadata { get; }

    public ValueTask AckAsync(CancellationToken cancellationToken = default) => SendAsync("+ACK"u8.ToArray(), cancellationToken);

    /// <summary>Acks and waits for the server to confirm it (double ack).</summary>
    public async Task AckAndWaitAsync(CancellationToken cancellationToken = default) =>
        await _connection.RequestAsync(ReplyTo, "+ACK"u8.ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Negative ack: redeliver now, or after <paramref name="delay"/>.</summary>
    public ValueTask NakAsync(TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        if (delay is null)
        {
            return SendAsync("-NAK"u8.ToArray(), cancellationToken);
        }

        var json = JsonSerializer.Serialize(new NakRequest(delay), JetStreamJsonContext.Default.NakRequest);
        return SendAsync(Encoding.UTF8.GetBytes("-NAK " + json), cancellationToken);
    }

    /// <summary>Work in progress: resets the ack_wait timer.</summary>
    public ValueTask InProgressAsync(CancellationToken cancellationToken = default) => SendAsync("+WPI"u8.ToArray(), cancellationToken);

    /// <summary>Stops redelivery of this message.</summary>
    public ValueTask TermAsync(CancellationToken cancellationToken = default) => SendAsync("+TERM"u8.ToArray(), cancellationToken);

    private string ReplyTo => Msg.ReplyTo ?? throw new InvalidOperationException($"The message on '{Subject}' cannot be acknowledged.");

    private ValueTask SendAsync(byte[] body, CancellationToken cancellationToken) =>
        _connection.PublishAsync(ReplyTo, body, cancellationToken: cancellationToken);
}
