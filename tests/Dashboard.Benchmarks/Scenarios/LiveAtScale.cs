using Dashboard.Benchmarks.Live;
using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// The live views' server side at scale: one Chromium viewer on <c>/live</c> plus <c>--hub-clients</c> external
/// <c>/hubs/live</c> clients while events arrive at <c>--live-rate</c>/s. Reports accept → row in the browser, accept →
/// message on the hub clients, and the app's CPU per connected client: the same load is sent twice, without any viewer
/// and with the browser and the hub clients connected, and the app's CPU (from /proc/&lt;pid&gt;/stat) over each window,
/// including a short tail for deliveries still under way, is compared per wall second.
/// </summary>
public sealed class LiveAtScale : IScenario
{
    private const int Lanes = 16;
    private static readonly TimeSpan Tail = TimeSpan.FromSeconds(1);

    public string Name => "live views at scale (1 browser + hub clients)";

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("hub clients", ""),
        new("rate", "/s"),
        new("browser accept → row p99", "ms", "≤ 150", v => v <= 150),
        new("hub accept → message p50", "ms"),
        new("hub accept → message p99", "ms", "≤ 50", v => v <= 50),
        new("messages not seen", "%", "0", v => v == 0, Format: "N2"),
        new("app CPU without viewers", "% of a core", Format: "N1"),
        new("app CPU with viewers", "% of a core", Format: "N1"),
        new("app CPU per client", "µs/s"),
        new("app CPU per delivered message", "µs", Format: "N1"),
    ];

    public Task<string?> Unavailable(BenchContext context, CancellationToken cancellationToken) =>
        Task.FromResult(
            context.Options.Token is null ? "needs --token (a Viewer API token)"
            : context.Options.ViewerUser is null ? "needs --viewer-user and --viewer-password"
            : LiveBrowser.ChromiumPath() is null ? "chromium is not on PATH"
            : null);

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var count = (int)(options.LiveRate * options.Duration.TotalSeconds);
        await context.WaitForRunsToDrainAsync(TimeSpan.FromMinutes(5), cancellationToken); // runs left by earlier scenarios would skew the CPU baseline

        var alone = StartAppCpu(options);
        await TracedSender.SendAsync(context.NewRequests(), count, options.LiveRate, Lanes, cancellationToken);
        await Task.Delay(Tail, cancellationToken);
        var appAlone = alone?.Stop();

        await using var browser = await LiveBrowser.SignInAsync(options);
        var page = await browser.OpenLiveAsync();
        var hubs = new List<HubClient>();
        try
        {
            for (var i = 0; i < options.HubClients; i++)
            {
                hubs.Add(await HubClient.ConnectAsync(options.BaseUrl, options.Token!, cancellationToken));
            }

            await Task.Delay(2_000, cancellationToken); // circuit and hub subscriptions settled
            var watched = new CpuShare(options.AppPid);
            var watchedApp = StartAppCpu(options);
            var accepted = await TracedSender.SendAsync(context.NewRequests(), count, options.LiveRate, Lanes, cancellationToken);
            await Task.Delay(Tail, cancellationToken);
            var appWatched = watchedApp?.Stop();
            var (generator, appShare) = watched.Stop();
            await Task.Delay(2_000, cancellationToken);

            var browserLatencies = Latencies(accepted, await LiveBrowser.SeenAsync(page), out _);
            var hubLatencies = new List<double>();
            var missing = 0;
            foreach (var hub in hubs)
            {
                hubLatencies.AddRange(Latencies(accepted, hub.Seen, out var notSeen));
                missing += notSeen;
            }

            var hubSorted = hubLatencies.Order().ToArray();
            var clients = options.HubClients + 1;

            // Each accepted event reaches the browser's circuit once and each hub client once (less what it missed).
            var delivered = accepted.Count + (accepted.Count * hubs.Count - missing);
            var cost = ClientCost.Of(appAlone, appWatched, clients, delivered);
            return new ScenarioRun(new Dictionary<string, double>
            {
                ["hub clients"] = options.HubClients,
                ["rate"] = accepted.Count / options.Duration.TotalSeconds,
                ["browser accept → row p99"] = LoadResult.Percentile(browserLatencies, 99),
                ["hub accept → message p50"] = LoadResult.Percentile(hubSorted, 50),
                ["hub accept → message p99"] = LoadResult.Percentile(hubSorted, 99),
                ["messages not seen"] = 100.0 * missing / Math.Max(1, accepted.Count * hubs.Count),
                ["app CPU without viewers"] = cost.AlonePercentOfCore,
                ["app CPU with viewers"] = cost.WatchedPercentOfCore,
                ["app CPU per client"] = cost.PerClientMicrosecondsPerSecond,
                ["app CPU per delivered message"] = cost.PerMessageMicroseconds,
            }, generator, appShare,
            "browser latency from rows of the newest events the page keeps; app CPU from /proc over the send plus 1 s; "
            + "per client = (µs/s with viewers − without) ÷ (hub clients + 1); per delivered message = the extra CPU ÷ "
            + "(events to the browser's circuit + messages the hub clients received)");
        }
        finally
        {
            foreach (var hub in hubs)
            {
                await hub.DisposeAsync();
            }
        }
    }

    private static AppCpuWindow? StartAppCpu(BenchOptions options) => options.AppPid is { } pid ? new AppCpuWindow(pid) : null;

    private static double[] Latencies(IReadOnlyDictionary<string, double> accepted, IReadOnlyDictionary<string, double> seen, out int notSeen)
    {
        var latencies = new List<double>(accepted.Count);
        notSeen = 0;
        foreach (var (id, acceptedAt) in accepted)
        {
            if (seen.TryGetValue(id, out var at))
            {
                latencies.Add(Math.Max(0, at - acceptedAt));
            }
            else
            {
                notSeen++;
            }
        }

        latencies.Sort();
        return [.. latencies];
    }
}
