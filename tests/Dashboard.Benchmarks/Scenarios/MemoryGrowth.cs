using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// Fills the store with batched ingest up to 100k (or reads it where earlier scenarios already stored more) and then up to <c>--memory-events</c> (default 1M) stored events and
/// reads the app's RSS (VmRSS) at each mark, and the SQLite file size (db + WAL) per stored event. Cumulative: runs once.
/// Fills through the webhook without a workflow, so a million queued runs do not dominate the figure.
/// The app exposes no GC heap figure (its /healthz returns only a status), so RSS only.
/// </summary>
public sealed class MemoryGrowth : IScenario
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    public string Name => "memory and growth";

    public int? Runs => 1;

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("RSS at first mark", "MB", Format: "N0"),
        new("events at first mark", ""),
        new("RSS at last mark", "MB", Format: "N0"),
        new("events at last mark", ""),
        new("RSS growth first → last mark", "MB", "≤ +50", v => v <= 50, Format: "N0"),
        new("SQLite bytes per event", "B", Format: "N0"),
    ];

    public Task<string?> Unavailable(BenchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(context.Options.AppPid is null || context.Options.DataPath is null ? "needs --pid and --data" : null);

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var pid = context.Options.AppPid!.Value;
        var requests = context.NewRequests(BenchDefinitions.RouteWithoutWorkflow);
        var cpu = new CpuShare(pid);
        var started = DateTime.UtcNow;
        long batch = 0;
        var values = new Dictionary<string, double>();
        foreach (var mark in new[] { 100_000L, Math.Max(100_000L, context.Options.MemoryEvents) })
        {
            while (StoredEvents(context) < mark && DateTime.UtcNow - started < Limit)
            {
                var remaining = mark - StoredEvents(context);
                var requestsNeeded = Math.Max(1, remaining / context.Options.BatchSize);
                var from = batch;
                batch += requestsNeeded;
                await ClosedLoop.RunAsync(n => requests.BatchOf(from + n, context.Options.BatchSize, toWebhook: true), 8, Limit, requestsNeeded, cancellationToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken); // let the runs and GC settle
            var rss = ProcStat.RssMegabytes(pid) ?? double.NaN;
            var stored = StoredEvents(context);
            DataContextLog($"memory: {stored:N0} events stored, RSS {rss:N0} MB");
            values[mark == 100_000 ? "RSS at first mark" : "RSS at last mark"] = rss;
            values[mark == 100_000 ? "events at first mark" : "events at last mark"] = stored;
        }

        values["RSS growth first → last mark"] = values["RSS at last mark"] - values["RSS at first mark"];
        var bytes = new[] { "dashboard.db", "dashboard.db-wal" }
            .Select(f => Path.Combine(context.Options.DataPath!, f)).Where(File.Exists).Sum(f => new FileInfo(f).Length);
        values["SQLite bytes per event"] = bytes / Math.Max(1.0, values["events at last mark"]);
        var (generator, app) = cpu.Stop();
        return new ScenarioRun(values, generator, app, "db + WAL size over all stored events (with ledger rows and runs)");
    }

    private static long StoredEvents(BenchContext context) => context.Scalar("SELECT COUNT(*) FROM events") ?? 0;

    private static void DataContextLog(string message) => BenchContext.Log(message);
}
