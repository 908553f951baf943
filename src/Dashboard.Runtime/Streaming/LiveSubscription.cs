using System.Threading.Channels;

namespace Dashboard.Runtime.Streaming;

/// <summary>
/// One subscriber's bounded queue. When it is full the oldest item is dropped and counted, so a slow reader never
/// blocks the publisher. Read with <see cref="ReadBatchAsync"/>, which coalesces to at most one batch per interval.
/// Dispose to unsubscribe.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<LiveItem> _channel;
    private readonly Action<LiveSubscription> _unsubscribe;
    private readonly TimeProvider _clock;
    private long _dropped;
    private long _lastBatchAt;
    private int _disposed;

    internal LiveSubscription(LiveFilter filter, int capacity, TimeProvider clock, Action<LiveSubscription> unsubscribe)
    {
        Filter = filter;
        Capacity = capacity;
        _clock = clock;
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateBounded<LiveItem>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                Telemetry.RuntimeMetrics.LiveItemDropped();
            });
    }

    public LiveFilter Filter { get; }
    public int Capacity { get; }

    /// <summary>Items waiting to be read.</summary>
    public int Pending => _channel.Reader.Count;

    internal void Offer(LiveItem item)
    {
        if (Filter.Matches(item))
        {
            _channel.Writer.TryWrite(item);
        }
    }

    /// <summary>
    /// Waits for items (at most <paramref name="maxWait"/>; then answers an empty batch so callers can refresh clocks and
    /// meters), keeps at least <paramref name="minInterval"/> between batches, and drains up to <paramref name="maxItems"/>.
    /// </summary>
    public async ValueTask<LiveBatch> ReadBatchAsync(TimeSpan minInterval, TimeSpan maxWait, int maxItems, CancellationToken cancellationToken)
    {
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(maxWait);
            try
            {
                if (!await _channel.Reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                {
                    return LiveBatch.Empty;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new LiveBatch([], Interlocked.Exchange(ref _dropped, 0));
            }
        }

        var wait = _clock.GetElapsedTime(Interlocked.Read(ref _lastBatchAt)) is var since && since < minInterval ? minInterval - since : TimeSpan.Zero;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
        }

        Interlocked.Exchange(ref _lastBatchAt, _clock.GetTimestamp());
        return Drain(maxItems);
    }

    /// <summary>Takes what is queued now, without waiting.</summary>
    public LiveBatch Drain(int maxItems)
    {
        var items = new List<LiveItem>(Math.Min(maxItems, Math.Max(_channel.Reader.Count, 1)));
        while (items.Count < maxItems && _channel.Reader.TryRead(out var item))
        {
            items.Add(item);
        }

        return new LiveBatch(items, Interlocked.Exchange(ref _dropped, 0));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _channel.Writer.TryComplete();
            _unsubscribe(this);
        }
    }
}
