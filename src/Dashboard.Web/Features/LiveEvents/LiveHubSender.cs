namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// One hub connection's outbox: the serialized batches of its filter, sent one message at a time. While a send is still
/// under way (the client reads slowly) further batches wait here, up to <c>capacity</c> items; beyond that the oldest
/// batches are dropped and counted, and the count goes out with the next message. A slow client never holds up the
/// other connections of its filter, and ingestion never waits for any of them.
/// </summary>
public sealed partial class LiveHubSender(Func<LiveHubMessage, Task> send, int capacity, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly Queue<SerializedLiveItems> _queue = new();
    private int _queuedItems;
    private long _dropped;
    private bool _sending;
    private bool _stopped;

    /// <summary>Items waiting for this connection.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queuedItems;
            }
        }
    }

    /// <summary>Queues a batch (and items dropped before it reached the filter's queue); starts sending when idle.</summary>
    public void Enqueue(SerializedLiveItems items, long dropped)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _dropped += dropped;
            if (items.Count > 0)
            {
                _queue.Enqueue(items);
                _queuedItems += items.Count;
            }

            while (_queuedItems > capacity && _queue.TryDequeue(out var oldest))
            {
                _queuedItems -= oldest.Count;
                _dropped += oldest.Count;
            }

            if (_sending || (_queue.Count == 0 && _dropped == 0))
            {
                return;
            }

            _sending = true;
        }

        _ = SendQueuedAsync();
    }

    /// <summary>Stops sending (the connection left); what is queued is discarded.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            _queue.Clear();
            _queuedItems = 0;
        }
    }

    private async Task SendQueuedAsync()
    {
        while (true)
        {
            LiveHubMessage message;
            lock (_gate)
            {
                if (_stopped || (_queue.Count == 0 && _dropped == 0))
                {
                    _sending = false;
                    return;
                }

                var items = _queue.TryDequeue(out var next) ? next : SerializedLiveItems.Empty;
                _queuedItems -= items.Count;
                message = new LiveHubMessage(items, _dropped);
                _dropped = 0;
            }

            try
            {
                await send(message);
            }
            catch (Exception ex)
            {
                LogSendFailed(logger, ex);
                Stop();
                lock (_gate)
                {
                    _sending = false;
                }

                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live hub connection could not be sent its batch; it gets no more")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);
}
