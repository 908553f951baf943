using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// Open loop at twice the sustainable single-event rate (measured earlier in the same run), then at half of it:
/// the excess should get 429 quickly, accepted requests should keep a low p99 while the store still accepts at least 90%
/// of the sustainable rate, and the service should recover. The app runs with its own settings (scripts/bench.sh passes
/// the caller's environment through, e.g. <c>Ingestion__Store__MaxQueueWaitMilliseconds=0</c> to compare without the
/// store-wait check).
/// </summary>
public sealed class Overload : IScenario
{
    public string Name => "overload (2× sustainable, then ½×)";

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("offered", "/s"),
        new("accepted", "/s"),
        new("accepted of sustainable", "%", "≥ 90", v => v >= 90, Format: "N1"),
        new("answered 429", "%", "> 0 (excess refused)", v => v > 0, Format: "N1"),
        new("429 p99", "ms", "≤ 50 (quick)", v => v <= 50, Format: "N1"),
        new("accepted p99", "ms", "≤ 50", v => v <= 50, Format: "N1"),
        new("other errors", "", "0", v => v == 0),
        new("recovery p99 (at ½×)", "ms", "≤ 15", v => v <= 15, Format: "N1"),
        new("recovery errors + 429", "", "0", v => v == 0),
        new("429: generator start delay p99", "ms", Format: "N1"),
        new("accepted: generator start delay p99", "ms", Format: "N1"),
        new("generator connection queue p99", "ms", Format: "N1"),
        new("server 429 p99 (bucket bound)", "ms", Format: "N1"),
        new("server 202 p99 (bucket bound)", "ms", Format: "N1"),
    ];

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var sustainable = context.Median(SingleIngest.KeyFor(structured: false)) ?? context.Options.FixedRate;
        var requests = context.NewRequests();
        var cpu = new CpuShare(context.Options.AppPid);
        var server = context.Options.Token is { } token ? await ServerRequestDurations.TakeAsync(context.Options.BaseUrl, token, cancellationToken) : null;
        LoadResult over;
        double[] queued;
        using (var queue = new ClientQueueTimes())
        {
            over = await OpenLoop.RunAsync(requests.Binary, 2 * sustainable, context.Options.Duration, 2048, 40_000, cancellationToken);
            queued = queue.Sorted();
        }

        var serverAfter = server is null ? null : await ServerRequestDurations.TakeAsync(context.Options.BaseUrl, context.Options.Token!, cancellationToken);
        var recoveryDuration = TimeSpan.FromSeconds(Math.Max(5, context.Options.Duration.TotalSeconds / 2));
        var recovery = await OpenLoop.RunAsync(n => requests.Binary(n + 100_000_000), sustainable / 2, recoveryDuration, 1024, 20_000, cancellationToken);
        var (generator, app) = cpu.Stop();
        var answered = over.Ok + over.TooMany + over.Errors;
        return new ScenarioRun(new Dictionary<string, double>
        {
            ["offered"] = 2 * sustainable,
            ["accepted"] = over.OkPerSecond,
        ["accepted of sustainable"] = sustainable == 0 ? 0 : 100.0 * over.OkPerSecond / sustainable,
            ["answered 429"] = answered == 0 ? 0 : 100.0 * over.TooMany / answered,
            ["429 p99"] = LoadResult.Percentile(over.RejectedLatencies(), 99),
            ["accepted p99"] = LoadResult.Percentile(over.OkLatencies(), 99),
            ["other errors"] = over.Errors,
            ["recovery p99 (at ½×)"] = LoadResult.Percentile(recovery.OkLatencies(), 99),
            ["recovery errors + 429"] = recovery.Errors + recovery.TooMany,
            ["429: generator start delay p99"] = LoadResult.Percentile(over.RejectedStartDelays(), 99),
            ["accepted: generator start delay p99"] = LoadResult.Percentile(over.OkStartDelays(), 99),
            ["generator connection queue p99"] = LoadResult.Percentile(queued, 99),
            ["server 429 p99 (bucket bound)"] = serverAfter?.PercentileUpperBound(server!, "429", 99) ?? double.NaN,
            ["server 202 p99 (bucket bound)"] = serverAfter?.PercentileUpperBound(server!, "202", 99) ?? double.NaN,
        }, generator, app, over.FirstError ?? recovery.FirstError);
    }
}
