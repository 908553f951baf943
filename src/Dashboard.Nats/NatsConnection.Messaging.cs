using Dashboard.Nats.Internal;

namespace Dashboard.Nats;

public sealed partial class NatsConnection
{
    /// <summary>
    /// Buffers a message for the batching writer and returns without waiting for the socket (it waits only
    /// when the write buffer is full). Throws <see cref="NatsPayloadTooLargeException"/> over the server's max_payload.
    /// </summary>
    public ValueTask PublishAsync(
        string subject,
        ReadOnlyMemory<byte> data,
        NatsHeaders? headers = null,
        string? replyTo = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        CommandFormatter.ValidateSubject(subject, nameof(subject), allowWildcards: false);
        var headerLength = headers is null ? 0 : HeaderCodec.GetLength(headers);
        var size = headerLength + data.Length;
        var maxPayload = ServerInfo?.MaxPayload ?? long.MaxValue;
        if (size > maxPayload)
        {
            throw new NatsPayloadTooLargeException(size, maxPayload);
        }

        var state = new PublishState(subject, replyTo, headers, headerLength, data);
        var maxSize = CommandFormatter.GetPublishLength(subject, replyTo, headerLength, data.Length);
        return _writer.EnqueueAsync(maxSize, state, PublishState.Write, cancellationToken);
    }

    /// <summary>Subscribes and waits until the server has seen the subscription (when connected).</summary>
    public async ValueTask<NatsSubscription> SubscribeAsync(
        string subject, string? queueGroup = null, int? capacity = null, CancellationToken cancellationToken = default)
    {
        var subscription = Subscribe(subject, queueGroup, capacity);
        if (State == NatsConnectionState.Connected)
        {
            try
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NatsConnectionException)
            {
                // Disconnected meanwhile: the subscription is sent again after the reconnect.
            }
        }

        return subscription;
    }

    /// <summary>Sends a request through the shared inbox and returns the first reply.</summary>
    public async Task<NatsMsg> RequestAsync(
        string subject,
        ReadOnlyMemory<byte> data,
        NatsHeaders? headers = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        EnsureInbox();
        var (id, replyTo, reply) = _inbox.Register(subject);
        var wait = timeout ?? Options.RequestTimeout;
        try
        {
            await PublishAsync(subject, data, headers, replyTo, cancellationToken).ConfigureAwait(false);
            var msg = await reply.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            return msg.StatusCode == 503 ? throw new NatsNoRespondersException(subject) : msg;
        }
        catch (TimeoutException)
        {
            throw new NatsTimeoutException($"No reply on '{subject}' within {wait.TotalSeconds:0.###} s.");
        }
        finally
        {
            _inbox.Remove(id);
        }
    }

    /// <summary>Round trip (PING/PONG): everything published before has reached the server.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var pong = _pongs.Ping(_writer, keepAlive: false)
            ?? throw new NatsConnectionException($"Not connected (state {State}).");
        try
        {
            await pong.WaitAsync(Options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new NatsTimeoutException($"No PONG within {Options.RequestTimeout.TotalSeconds:0.###} s.");
        }
    }

    /// <summary>A new unique inbox subject.</summary>
    public string NewInbox() => $"{_inboxPrefix}.{Nuid.Next()}";

    internal NatsSubscription Subscribe(string subject, string? queueGroup, int? capacity)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        CommandFormatter.ValidateSubject(subject, nameof(subject), allowWildcards: true);
        if (queueGroup is not null)
        {
            CommandFormatter.ValidateSubject(queueGroup, nameof(queueGroup), allowWildcards: false);
        }

        lock (_subLock)
        {
            var sid = _subs.NextSid();
            var subscription = new NatsSubscription(this, sid, subject, queueGroup, capacity ?? Options.SubscriptionCapacity);
            _subs.Add(new SubscriptionEntry(sid, subject, queueGroup, subscription));
            _writer.TryWriteRaw(CommandFormatter.Subscribe(subject, queueGroup, sid), onlyIfConnected: true);
            return subscription;
        }
    }

    internal ValueTask UnsubscribeAsync(long sid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_subLock)
        {
            if (_subs.Remove(sid) && _disposed == 0)
            {
                _writer.TryWriteRaw(CommandFormatter.Unsubscribe(sid), onlyIfConnected: true);
            }
        }

        return ValueTask.CompletedTask;
    }

    private readonly record struct PublishState(
        string Subject, string? ReplyTo, NatsHeaders? Headers, int HeaderLength, ReadOnlyMemory<byte> Data)
    {
        public static readonly SpanWriter<PublishState> Write = static (Span<byte> destination, in PublishState s) =>
            CommandFormatter.WritePublish(destination, s.Subject, s.ReplyTo, s.Headers, s.HeaderLength, s.Data.Span);
    }
}
