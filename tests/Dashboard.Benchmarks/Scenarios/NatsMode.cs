using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// Single-event ingest against an app instance running with <c>Eventing:Mode=Nats</c> (JetStream as the work queue),
/// given as <c>--nats-url</c>. scripts/bench.sh starts that instance (and a nats-server) only once the runtime has an
/// <c>Eventing</c> options section; until then this reports "not available".
/// </summary>
public sealed class NatsMode : IScenario
{
    public string Name => "NATS mode ingest";

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("events/s", "/s", "≥ 10,000", v => v >= 10_000, SingleIngest.KeyFor(structured: false)),
        new("errors", "", "0", v => v == 0),
    ];

    public Task<string?> Unavailable(BenchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(context.Options.NatsUrl is null ? "no app instance in NATS mode was given (--nats-url); scripts/bench.sh starts one when the runtime has Eventing:Mode=Nats" : null);

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var requests = new CloudEventRequests(context.Options.NatsUrl!, context.Options.Token, $"nats-{Guid.NewGuid():N}");
        var cpu = new CpuShare(context.Options.NatsPid);
        var result = await ClosedLoop.RunAsync(requests.Binary, context.Options.Connections, context.Options.Duration, 20_000_000, cancellationToken);
        var (generator, app) = cpu.Stop();
        return new ScenarioRun(new Dictionary<string, double> { ["events/s"] = result.OkPerSecond, ["errors"] = result.Errors + result.TooMany },
            generator, app, result.FirstError);
    }
}
