using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// Open-loop latency at a fixed rate (default 5,000/s), measured from each request's scheduled send time. The variants
/// separate what the target depends on: a fifth of the rate (the latency floor, little queueing) and the same rate to a
/// definition without workflows (no run competes with ingestion for the cores and the writer).
/// </summary>
public sealed class FixedRateLatency(int rateDivisor = 1, bool withWorkflow = true) : IScenario
{
    public string Name => "latency at fixed rate (open loop" + (rateDivisor == 1 ? "" : $", 1/{rateDivisor} of the rate") + (withWorkflow ? "" : ", no workflow") + ")";

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("achieved", "/s"),
        new("p50", "ms", "≤ 3", v => v <= 3, Format: "N2"),
        new("p99", "ms", "≤ 15", v => v <= 15, Format: "N2"),
        new("p99.9", "ms", Format: "N2"),
        new("errors", "", "0", v => v == 0),
    ];

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var requests = context.NewRequests(withWorkflow ? BenchDefinitions.Route : BenchDefinitions.RouteWithoutWorkflow);
        var rate = context.Options.FixedRate / rateDivisor;
        var cpu = new CpuShare(context.Options.AppPid);
        var result = await OpenLoop.RunAsync(requests.Binary, rate, context.Options.Duration, 1024, 20_000, cancellationToken);
        var (generator, app) = cpu.Stop();
        var latencies = result.OkLatencies();
        return new ScenarioRun(new Dictionary<string, double>
        {
            ["achieved"] = result.OkPerSecond,
            ["p50"] = LoadResult.Percentile(latencies, 50),
            ["p99"] = LoadResult.Percentile(latencies, 99),
            ["p99.9"] = LoadResult.Percentile(latencies, 99.9),
            ["errors"] = result.Errors + result.TooMany,
        }, generator, app, $"rate {rate:N0}/s" + (result.FirstError is { } e ? "; " + e : ""));
    }
}
