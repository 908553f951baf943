using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// The HTTP ceiling: a Kestrel endpoint hosted by this process that reads the body and answers 202, hit with the same
/// requests and connections as single-event ingest. Server and generator share this process (and the machine).
/// </summary>
public sealed class EmptyPostBaseline : IScenario
{
    public const string Key = "baseline: empty Kestrel POST/requests/s";

    public string Name => "baseline: empty Kestrel POST";

    public IReadOnlyList<MetricSpec> Metrics { get; } = [new("requests/s", "/s"), new("errors", "")];

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var app = EmptyPostServer.Build("http://127.0.0.1:0");
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        var requests = new CloudEventRequests(address, context.Options.Token, "empty");
        var cpu = new CpuShare(null);
        var result = await ClosedLoop.RunAsync(requests.Binary, context.Options.Connections, context.Options.Duration, 50_000_000, cancellationToken);
        var (generator, _) = cpu.Stop();
        await app.StopAsync(cancellationToken);
        return new ScenarioRun(new Dictionary<string, double> { ["requests/s"] = result.OkPerSecond, ["errors"] = result.Errors }, generator, null,
            "server in the generator's process");
    }
}
