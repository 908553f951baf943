namespace Dashboard.Nats;

/// <summary>A message received on a subscription. <see cref="Data"/> is owned by the message.</summary>
public sealed class NatsMsg
{
    private readonly NatsConnection? _connection;

    public NatsMsg(string subject, string? replyTo, NatsHeaders? headers, ReadOnlyMemory<byte> data)
        : this(subject, replyTo, headers, data, null)
    {
    }

    internal NatsMsg(string subject, string? replyTo, NatsHeaders? headers, ReadOnlyMemory<byte> data, NatsConnection? connection)
    {
        Subject = subject;
        ReplyTo = replyTo;
        Headers = headers;
        Data = data;
        _connection = connection;
    }

    public string Subject { get; }

    public string? ReplyTo { get; }

    public NatsHeaders? Headers { get; }

    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The status code of a control message (100, 404, 408, 409, 503), or null for a normal message.</summary>
    public int? StatusCode => Headers?.StatusCode;

    internal NatsConnection? Connection => _connection;

    /// <summary>Publishes <paramref name="data"/> to this message's reply subject.</summary>
    public ValueTask ReplyAsync(ReadOnlyMemory<byte> data, NatsHeaders? headers = null, CancellationToken cancellationToken = default)
    {
        if (ReplyTo is null || _connection is null)
        {
            throw new InvalidOperationException($"The message on '{Subject}' has no reply subject.");
        }

        return _connection.PublishAsync(ReplyTo, data, headers, cancellationToken: cancellationToken);
    }
}
