using System.Diagnostics;
using Dashboard.Benchmarks.Scenarios;

namespace Dashboard.Benchmarks.Measure;

/// <summary>
/// How busy the app's one store writer was during a load (statements and commits, from <c>dashboard.store.busy</c>),
/// and the rate the load would reach if the writer were busy all the time with the same mix of work: the ceiling that
/// one SQLite writer sets at the app's own statement shape. A share near 100% says the writer is the bottleneck.
/// </summary>
public sealed class WriterBusy
{
    public const string ShareKey = "store writer busy";
    public const string CommitShareKey = "of which committing (WAL write, fsync)";
    public const string CeilingKey = "one writer's ceiling at this mix";

    /// <summary>The three figures, for a scenario's metric list.</summary>
    public static IEnumerable<MetricSpec> Specs { get; } =
        [new(ShareKey, "% of wall time", Format: "N1"), new(CommitShareKey, "% of wall time", Format: "N1"), new(CeilingKey, "/s")];

    private readonly BenchOptions _options;
    private readonly (double Total, double Commit)? _before;
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    private WriterBusy(BenchOptions options, (double Total, double Commit)? before)
    {
        _options = options;
        _before = before;
    }

    public static async Task<WriterBusy> StartAsync(BenchOptions options, CancellationToken cancellationToken) =>
        new(options, await AppMetrics.WriterBusyAsync(options, cancellationToken));

    /// <summary>Adds the busy share and the ceiling to <paramref name="values"/>; nothing when the app's metrics are not readable.</summary>
    public async Task StopAsync(Dictionary<string, double> values, double perSecond, CancellationToken cancellationToken)
    {
        var elapsed = _watch.Elapsed.TotalSeconds;
        if (_before is not { } before || await AppMetrics.WriterBusyAsync(_options, cancellationToken) is not { } after || after.Total <= before.Total)
        {
            return;
        }

        var share = (after.Total - before.Total) / elapsed;
        values[ShareKey] = share * 100;
        values[CommitShareKey] = (after.Commit - before.Commit) / elapsed * 100;
        values[CeilingKey] = perSecond / share;
    }
}
