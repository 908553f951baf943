using Dashboard.Runtime.Streaming;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// The gap a live view keeps between two batches: <see cref="Min"/> while batches stay at or under
/// <see cref="BusyBatch"/> items; after a larger batch the gap doubles, up to <see cref="Max"/>. A quiet stream is shown
/// with little delay; a busy one is coalesced into fewer, larger renders instead of re-rendering every viewer's table
/// several times a second while ingestion needs the CPU.
/// </summary>
public sealed record LivePace(TimeSpan Min, TimeSpan Max, int BusyBatch = 20)
{
    public static LivePace Fixed(TimeSpan interval) => new(interval, interval);

    /// <summary>
    /// The pace of live pages: from <see cref="LiveFeedOptions.MinRenderInterval"/> up to one second, backing off only
    /// once a batch holds more rows than the view keeps (<see cref="LiveFeedOptions.ViewCapacity"/>): such rows would be
    /// dropped unseen anyway, so rendering more often would cost every browser work nobody can see.
    /// </summary>
    public static LivePace ForPages(LiveFeedOptions options) => new(options.MinRenderInterval, TimeSpan.FromSeconds(1), options.ViewCapacity);

    public TimeSpan Next(TimeSpan current, int items) =>
        items > BusyBatch ? TimeSpan.FromTicks(Math.Min(Max.Ticks, Math.Max(Min.Ticks, current.Ticks * 2))) : Min;
}
