using Dashboard.Benchmarks.Live;

namespace Dashboard.Benchmarks.Measure;

/// <summary>
/// What connected live clients cost the app, from windows measured in pairs (one without viewers, one with, in either
/// order, adjacent in time so slow drifts of the machine fall on both): per pair, the app's CPU with the viewers minus
/// without, in µs per wall second. Nothing is clamped: a negative or widely spread difference is the measurement's
/// answer (noise larger than the cost), not something to hide.
/// </summary>
public sealed class PairedClientCost
{
    private readonly List<(LiveWindow Without, LiveWindow With)> _pairs = [];

    /// <summary>Pairs consecutive windows (1st with 2nd, 3rd with 4th, …); each pair must hold one window without viewers.</summary>
    public PairedClientCost(IReadOnlyList<LiveWindow> windows)
    {
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

    /// <summary>Extra app CPU (µs per wall second) of each pair whose viewers were <paramref name="viewers"/>.</summary>
    public double[] ExtraMicrosecondsPerSecond(LiveViewers viewers) =>
        [.. _pairs.Where(p => p.With.Viewers == viewers && p.With.Cpu is not null && p.Without.Cpu is not null)
            .Select(p => p.With.Cpu!.MicrosecondsPerSecond - p.Without.Cpu!.MicrosecondsPerSecond).Order()];

    /// <summary>Extra app CPU per connected client (µs per wall second), one value per pair of <paramref name="viewers"/>.</summary>
    public double[] PerClient(LiveViewers viewers) =>
        [.. _pairs.Where(p => p.With.Viewers == viewers && p.With.Cpu is not null && p.Without.Cpu is not null)
            .Select(p => (p.With.Cpu!.MicrosecondsPerSecond - p.Without.Cpu!.MicrosecondsPerSecond) / Math.Max(1, p.With.Clients)).Order()];

    /// <summary>Extra app CPU per delivered item (µs), one value per pair of <paramref name="viewers"/>.</summary>
    public double[] PerDeliveredItem(LiveViewers viewers) =>
        [.. _pairs.Where(p => p.With.Viewers == viewers && p.With.Cpu is not null && p.Without.Cpu is not null && p.With.Delivered > 0)
            .Select(p => (p.With.Cpu!.MicrosecondsPerSecond - p.Without.Cpu!.MicrosecondsPerSecond) * p.With.Cpu.WallSeconds / p.With.Delivered).Order()];

    /// <summary>Median of sorted values (NaN when empty).</summary>
    public static double Median(double[] sorted) =>
        sorted.Length == 0 ? double.NaN : Report.ScenarioReport.Median(sorted);
}
