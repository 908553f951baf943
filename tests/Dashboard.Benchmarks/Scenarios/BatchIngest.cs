using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>Batches of 100 structured events per request to <c>POST /events</c> (routed by type), closed loop.</summary>
public sealed class BatchIngest : IScenario
{
    public string Name => "batched ingest (100 per request)";

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("events/s", "/s", "≥ 50,000", v => v >= 50_000, "baseline: raw SQLite inserts/rows/s"),
        new("errors", "", "0", v => v == 0),
        new("p99 per batch (closed loop)", "ms", Format: "N1"),
        .. WriterBusy.Specs,
    ];

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var requests = context.NewRequests();
        var size = context.Options.BatchSize;
        var cpu = new CpuShare(context.Options.AppPid);
        var busy = await WriterBusy.StartAsync(context.Options, cancellationToken);
        var result = await ClosedLoop.RunAsync(n => requests.BatchOf(n, size), Math.Min(16, context.Options.Connections),
            context.Options.Duration, 1_000_000, cancellationToken);
        var (generator, app) = cpu.Stop();
        var values = new Dictionary<string, double>
        {
            ["events/s"] = result.OkPerSecond * size,
            ["errors"] = result.Errors + result.TooMany,
            ["p99 per batch (closed loop)"] = LoadResult.Percentile(result.OkLatencies(), 99),
        };
        await busy.StopAsync(values, values["events/s"], cancellationToken);
        return new ScenarioRun(values, generator, app, result.FirstError);
    }
}
