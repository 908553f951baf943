using Dashboard.Runtime.Streaming;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// The gap a live view keeps between two batches: <see cref="Min"/> while traffic stays at or under
/// <see cref="BusyBatch"/> items per <see cref="Min"/>; while it is above, the gap doubles, up to <see cref="Max"/>. A
/// quiet stream is shown with little delay; a busy one is coalesced into fewer, larger renders instead of re-rendering
/// every viewer's table several times a second while ingestion needs the CPU. A batch is judged by its rate, not its
/// size: a longer gap gathers more items from the same traffic, and judged by size a gap once doubled would never
/// come back down.
/// </summary>
public sealed record LivePace(TimeSpan Min, TimeSpan Max, int BusyBatch = 20)
{
    public static LivePace Fixed(TimeSpan interval) => new(interval, interval);

    /// <summary>
    /// The pace of live pages: from <see cref="LiveFeedOptions.MinRenderInterval"/> up to one second, backing off only
    /// while the shortest gap's batches would hold more rows than the view keeps (<see cref="LiveFeedOptions.ViewCapacity"/>):
    /// such rows would be dropped unseen anyway, so rendering more often would cost every browser work nobody can see.
    /// </summary>
    public static LivePace ForPages(LiveFeedOptions options) => new(options.MinRenderInterval, TimeSpan.FromSeconds(1), options.ViewCapacity);

    public TimeSpan Next(TimeSpan current, int items) =>
        PerMin(current, items) > BusyBatch ? TimeSpan.FromTicks(Math.Min(Max.Ticks, Math.Max(Min.Ticks, current.Ticks * 2))) : Min;

    // The batch's items scaled to the shortest gap: what a batch would hold at Min from the same traffic.
    private double PerMin(TimeSpan current, int items) =>
        current <= Min ? items : items * ((double)Min.Ticks / current.Ticks);
}
