using Dashboard.Runtime.Streaming;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// Reads one live subscription in coalesced batches and hands each batch to a callback, typically a component's
/// <c>InvokeAsync</c>; at least one batch a second so meters can tick. The gap between batches adapts to the traffic
/// (see <see cref="LivePace"/>): short while batches are small, so a row shows soon after its event was accepted;
/// doubling while they are large, so a busy stream costs a bounded number of renders. Dispose to stop.
/// </summary>
public sealed class LivePump : IDisposable
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stop = new();
    private readonly LiveSubscription _subscription;

    private LivePump(LiveSubscription subscription) => _subscription = subscription;

    public static LivePump Start(LiveFeed feed, LiveFilter filter, LivePace pace, int maxItems, Func<LiveBatch, Task> onBatch, ILogger logger)
    {
        var pump = new LivePump(feed.Subscribe(filter));
        _ = pump.RunAsync(pace, maxItems, onBatch, logger);
        return pump;
    }

    private async Task RunAsync(LivePace pace, int maxItems, Func<LiveBatch, Task> onBatch, ILogger logger)
    {
        var token = _stop.Token;
        var interval = pace.Min;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var batch = await _subscription.ReadBatchAsync(interval, MaxWait, maxItems, token);
                await onBatch(batch);
                interval = pace.Next(interval, batch.Items.Count);
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
