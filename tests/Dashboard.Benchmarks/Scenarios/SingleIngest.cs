using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// One ~1 KB CloudEvent per request to <c>POST /hooks/bench/orders</c> (token, schema, durable 202, one queued run each),
/// closed loop over many connections. Reports throughput, errors, and whether workflow runs keep up (queued runs
/// sampled from the store before and after: growth per second). The no-workflow variant sends the same event to a
/// definition without workflows, separating ingestion from run execution (both write to the same SQLite file).
/// </summary>
public sealed class SingleIngest(bool structured, bool withWorkflow = true) : IScenario
{
    public static string KeyFor(bool structured) => $"single-event ingest ({(structured ? "structured" : "binary")})/events/s";

    public string Name => $"single-event ingest ({(structured ? "structured" : "binary")}{(withWorkflow ? "" : ", no workflow")})";

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("events/s", "/s", "≥ 10,000", v => v >= 10_000, EmptyPostBaseline.Key),
        new("errors", "", "0", v => v == 0),
        new("p99 (closed loop)", "ms", Format: "N1"),
        new("queued runs growth", "/s", "≈ 0 (runs keep up)", v => v <= 50),
        .. WriterBusy.Specs,
    ];

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var requests = context.NewRequests(withWorkflow ? BenchDefinitions.Route : BenchDefinitions.RouteWithoutWorkflow);
        var queuedBefore = QueuedRuns(context);
        var cpu = new CpuShare(context.Options.AppPid);
        var busy = await WriterBusy.StartAsync(context.Options, cancellationToken);
        var result = await ClosedLoop.RunAsync(structured ? requests.StructuredEvent : requests.Binary,
            context.Options.Connections, context.Options.Duration, 20_000_000, cancellationToken);
        var (generator, app) = cpu.Stop();
        var queuedAfter = QueuedRuns(context);
        var values = new Dictionary<string, double>
        {
            ["events/s"] = result.OkPerSecond,
            ["errors"] = result.Errors + result.TooMany,
            ["p99 (closed loop)"] = LoadResult.Percentile(result.OkLatencies(), 99),
        };
        if (queuedBefore is { } before && queuedAfter is { } after)
        {
            values["queued runs growth"] = (after - before) / result.Elapsed.TotalSeconds;
        }

        await busy.StopAsync(values, result.OkPerSecond, cancellationToken);
        return new ScenarioRun(values, generator, app, result.FirstError);
    }

    internal static long? QueuedRuns(BenchContext context) => context.Scalar("SELECT COUNT(*) FROM runs WHERE State = 'Queued'");
}
