using Dashboard.Runtime.Streaming;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// Reads one live subscription in coalesced batches (at most one per <c>interval</c>, at least one per second so
/// meters can tick) and hands each batch to a callback, typically a component's <c>InvokeAsync</c>. Dispose to stop.
/// </summary>
public sealed class LivePump : IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stop = new();
    private readonly LiveSubscription _subscription;

    private LivePump(LiveSubscription subscription) => _subscription = subscription;

    public static LivePump Start(LiveFeed feed, LiveFilter filter, TimeSpan interval, int maxItems, Func<LiveBatch, Task> onBatch, ILogger logger)
    {
        var pump = new LivePump(feed.Subscribe(filter));
        _ = pump.RunAsync(interval, maxItems, onBatch, logger);
        return pump;
    }

    private async Task RunAsync(TimeSpan interval, int maxItems, Func<LiveBatch, Task> onBatch, ILogger logger)
    {
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var batch = await _subscription.ReadBatchAsync(interval, MaxWait, maxItems, token);
                await onBatch(batch);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
            // The component went away between batches.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A live view stopped reading the feed");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _subscription.Dispose();
        _stop.Dispose();
    }
}
