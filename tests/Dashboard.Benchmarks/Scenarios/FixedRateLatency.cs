using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>Open-loop latency at a fixed rate (default 5,000/s), measured from each request's scheduled send time.</summary>
public sealed class FixedRateLatency : IScenario
{
    public string Name => "latency at fixed rate (open loop)";

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
        var requests = context.NewRequests();
        var cpu = new CpuShare(context.Options.AppPid);
        var result = await OpenLoop.RunAsync(requests.Binary, context.Options.FixedRate, context.Options.Duration, 1024, 20_000, cancellationToken);
        var (generator, app) = cpu.Stop();
        var latencies = result.OkLatencies();
        return new ScenarioRun(new Dictionary<string, double>
        {
            ["achieved"] = result.OkPerSecond,
            ["p50"] = LoadResult.Percentile(latencies, 50),
            ["p99"] = LoadResult.Percentile(latencies, 99),
            ["p99.9"] = LoadResult.Percentile(latencies, 99.9),
            ["errors"] = result.Errors + result.TooMany,
        }, generator, app, $"rate {context.Options.FixedRate:N0}/s" + (result.FirstError is { } e ? "; " + e : ""));
    }
}
