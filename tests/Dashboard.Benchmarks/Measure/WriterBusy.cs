using System.Diagnostics;
using Dashboard.Benchmarks.Scenarios;

namespace Dashboard.Benchmarks.Measure;

/// <summary>
/// How busy the app's one store writer was during a load (statements and commits, from <c>dashboard.store.busy</c>),
/// how many requests each commit carried, and two ceilings of one writer at the app's own statement shape: the rate at
/// which it would be busy all the time with the same mix and the same requests per commit, and the rate its statements
/// alone allow (a commit's WAL write and fsync are paid per commit, so a writer that gets requests faster carries more
/// per commit and reaches towards the second). A busy share near 100% with few requests per commit says the writer
/// waits on the disk, not that it is the bottleneck: that takes a busy writer whose statements alone use it up.
/// </summary>
public sealed class WriterBusy
{
    public const string ShareKey = "store writer busy";
    public const string CommitShareKey = "of which committing (WAL write, fsync)";
    public const string CeilingKey = "one writer's ceiling at this mix";
    public const string RequestsPerCommitKey = "requests per commit";
    public const string StatementCeilingKey = "one writer's ceiling, its statements alone";

    /// <summary>The figures, for a scenario's metric list.</summary>
    public static IEnumerable<MetricSpec> Specs { get; } =
    [
        new(ShareKey, "% of wall time", Format: "N1"), new(CommitShareKey, "% of wall time", Format: "N1"),
        new(RequestsPerCommitKey, "", Format: "N1"), new(CeilingKey, "/s"), new(StatementCeilingKey, "/s"),
    ];

    private readonly BenchOptions _options;
    private readonly AppMetrics.WriterTotals? _before;
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    private WriterBusy(BenchOptions options, AppMetrics.WriterTotals? before)
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
        var statementShare = share - (after.Commit - before.Commit) / elapsed;
        values[ShareKey] = share * 100;
        values[CommitShareKey] = (after.Commit - before.Commit) / elapsed * 100;
        values[CeilingKey] = perSecond / share;
        if (statementShare > 0)
        {
            values[StatementCeilingKey] = perSecond / statementShare;
        }

        if (after.Commits > before.Commits)
        {
            values[RequestsPerCommitKey] = (after.Requests - before.Requests) / (after.Commits - before.Commits);
        }
    }
}
