using Dashboard.Benchmarks.Live;

namespace Dashboard.Benchmarks.Measure;

/// <summary>
/// What connected live clients cost the app, from windows measured in pairs (one without viewers, one with, in either
/// order, adjacent in time so slow drifts of the machine fall on both). Each window carries the same load and lasts
/// until its work is done, so windows differ in wall time but not in work: a window's cost is the app's CPU per
/// accepted event (µs), and a pair's extra cost is the difference at the offered rate, in µs of CPU per second of load.
/// Nothing is clamped: a negative or widely spread difference is the measurement's answer (noise larger than the
/// cost), not something to hide.
/// </summary>
public sealed class PairedClientCost
{
    private readonly List<(LiveWindow Without, LiveWindow With)> _pairs = [];
    private readonly double _rate;

    /// <summary>Pairs consecutive windows (1st with 2nd, 3rd with 4th, …); each pair must hold one window without viewers.</summary>
    public PairedClientCost(IReadOnlyList<LiveWindow> windows, double rate)
    {
        _rate = rate;
        for (var i = 0; i + 1 < windows.Count; i += 2)
        {
            var (first, second) = (windows[i], windows[i + 1]);
            if (first.Viewers == LiveViewers.None == (second.Viewers == LiveViewers.None))
            {
                throw new ArgumentException($"windows {i} and {i + 1} are not a pair of one without viewers and one with them");
            }

            _pairs.Add(first.Viewers == LiveViewers.None ? (first, second) : (second, first));
        }
    }

    private IEnumerable<(LiveWindow Without, LiveWindow With, double ExtraPerEvent)> Measured(LiveViewers viewers) =>
        _pairs.Where(p => p.With.Viewers == viewers)
            .Select(p => (p.Without, p.With, p.With.MicrosecondsPerEvent - p.Without.MicrosecondsPerEvent))
            .Where(p => !double.IsNaN(p.Item3));

    /// <summary>Extra app CPU (µs per second of load at the offered rate), one value per pair of <paramref name="viewers"/>, sorted.</summary>
    public double[] ExtraMicrosecondsPerSecond(LiveViewers viewers) =>
        [.. Measured(viewers).Select(p => p.ExtraPerEvent * _rate).Order()];

    /// <summary>The same per connected client (the browser's circuit counts as one).</summary>
    public double[] PerClient(LiveViewers viewers) =>
        [.. Measured(viewers).Select(p => p.ExtraPerEvent * _rate / Math.Max(1, p.With.Clients)).Order()];

    /// <summary>Extra app CPU per delivered item (µs): the extra per event × accepted events ÷ items delivered.</summary>
    public double[] PerDeliveredItem(LiveViewers viewers) =>
        [.. Measured(viewers).Where(p => p.With.Delivered > 0).Select(p => p.ExtraPerEvent * p.With.Accepted / p.With.Delivered).Order()];

    /// <summary>Median of sorted values (NaN when empty).</summary>
    public static double Median(double[] sorted) =>
        sorted.Length == 0 ? double.NaN : Report.ScenarioReport.Median(sorted);
}
