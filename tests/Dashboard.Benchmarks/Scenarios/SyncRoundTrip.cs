using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// Sync HTTP events in open loop at <c>--sync-rate</c>/s (default 1,000): each request is stored, runs its one-step
/// workflow (a <c>respond</c> step) and is answered 200 with the workflow's body. Latency is request due → 200.
/// </summary>
public sealed class SyncRoundTrip : IScenario
{
    public string Name => "sync event round trip (one-step workflow)";

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("offered", "/s"),
        new("answered 200", "/s"),
        new("p50", "ms", Format: "N1"),
        new("p99", "ms", Format: "N1"),
        new("errors + 429", "", "0", v => v == 0),
    ];

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        // A sync caller waits for its run, which queues behind every run already waiting: start from an empty run queue.
        await context.WaitForRunsToDrainAsync(TimeSpan.FromMinutes(5), cancellationToken);
        var rate = context.Options.SyncRate;
        var requests = context.NewRequests(BenchDefinitions.SyncRoute);
        var cpu = new CpuShare(context.Options.AppPid);
        var result = await OpenLoop.RunAsync(requests.Binary, rate, context.Options.Duration, 1024, 40_000, cancellationToken);
        var (generator, app) = cpu.Stop();
        var latencies = result.OkLatencies();
        return new ScenarioRun(new Dictionary<string, double>
        {
            ["offered"] = rate,
            ["answered 200"] = result.OkPerSecond,
            ["p50"] = LoadResult.Percentile(latencies, 50),
            ["p99"] = LoadResult.Percentile(latencies, 99),
            ["errors + 429"] = result.Errors + result.TooMany,
        }, generator, app, result.FirstError);
    }
}
