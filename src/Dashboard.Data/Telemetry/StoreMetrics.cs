using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dashboard.Data.Telemetry;

/// <summary>
/// The store writer's instruments (meter <c>Dashboard.Store</c>): commits, requests per commit and commit time.
/// Queue depths are observed by the runtime, which owns the writer's instance.
/// </summary>
public static class StoreMetrics
{
    public const string MeterName = "Dashboard.Store";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Commits = Meter.CreateCounter<long>("dashboard.store.commits", "{commit}", "Group commits of the store writer.");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "dashboard.store.batch.size", "{request}", "Requests (ingestion and background) carried by one commit.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });
    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "dashboard.store.commit.duration", "s", "Time to commit one batch (WAL write and fsync).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1] });

    private static readonly Counter<long> Statements = Meter.CreateCounter<long>(
        "dashboard.store.statements", "{statement}", "SQL statements the store writer executed (inserts, updates, claims).");

    /// <summary>Counts one statement executed by the writer; the benchmark divides it by the events stored.</summary>
    internal static void StatementExecuted() => Statements.Add(1);

    internal static void RecordCommit(int requests, long commitTicks, int ingestionRequests)
    {
        Commits.Add(1);
        BatchSize.Record(requests, new KeyValuePair<string, object?>("kind", ingestionRequests == requests ? "ingestion" : ingestionRequests == 0 ? "background" : "mixed"));
        CommitDuration.Record(commitTicks / (double)Stopwatch.Frequency);
    }
}
