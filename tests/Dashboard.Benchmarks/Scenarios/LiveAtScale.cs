using System.Globalization;
using Dashboard.Benchmarks.Live;
using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// The live views' server side at scale: one Chromium viewer on <c>/live</c> plus <c>--hub-clients</c> external
/// <c>/hubs/live</c> clients while events arrive at <c>--live-rate</c>/s. Reports accept → row in the browser, accept →
/// message on the hub clients, and the app's CPU per connected client.
/// The cost is measured in windows of the same load and length, each after the run queue drained: a discarded warm-up
/// window with every viewer connected (JIT tiers, pools and caches of both paths), then alternating pairs without (A) and
/// with the browser and hub clients (B), A B B A A B, so a drift of the machine in either direction falls on both sides;
/// then one pair of the hub clients alone (A H) and one of the browser alone (W A). A window lasts until its events' runs
/// finished (they lag behind the send when the machine is busy); per pair: CPU per accepted event with − without.
/// </summary>
public sealed class LiveAtScale : IScenario
{
    private static readonly LiveViewers[] Windows =
    [
        LiveViewers.None, LiveViewers.Both, LiveViewers.Both, LiveViewers.None, LiveViewers.None, LiveViewers.Both,
        LiveViewers.None, LiveViewers.HubClients, LiveViewers.Browser, LiveViewers.None,
    ];

    public string Name => "live views at scale (1 browser + hub clients)";

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("hub clients", ""),
        new("rate", "/s"),
        new("browser accept → row p50", "ms"),
        new("browser accept → row p99", "ms", "≤ 150", v => v <= 150),
        new("browser main thread busy (B)", "%", Format: "N0"),
        new("hub accept → message p50", "ms"),
        new("hub accept → message p99", "ms", "≤ 50", v => v <= 50),
        new("messages not seen", "%", "0", v => v == 0, Format: "N2"),
        new("hub messages per client", "/s", Format: "N1"),
        new("items delivered", "/s"),
        new("app CPU without viewers (A)", "% of a core", Format: "N1"),
        new("app CPU with viewers (B)", "% of a core", Format: "N1"),
        new("app CPU per event without viewers (A)", "µs", Format: "N0"),
        new("app CPU per event with viewers (B)", "µs", Format: "N0"),
        new("extra app CPU with viewers, median of pairs", "% of a core", Format: "N1"),
        new("extra app CPU, lowest pair", "% of a core", Format: "N1"),
        new("extra app CPU, highest pair", "% of a core", Format: "N1"),
        new("app CPU per client", "µs/s"),
        new("app CPU per delivered item", "µs", Format: "N2"),
        new("hub clients alone, per hub client", "µs/s"),
        new("browser alone", "µs/s"),
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
        await using var browser = await LiveBrowser.SignInAsync(options);
        using var gauge = new LiveViewerGauge(options.BaseUrl, options.Token!);
        var baseline = await gauge.ReadAsync(cancellationToken);
        if (baseline is null)
        {
            BenchContext.Log("the app's /metrics has no dashboard_live_viewers gauge; windows start without checking that viewers left");
        }

        var runner = new LiveWindowRunner(context, browser, baseline is null ? null : gauge, baseline ?? 0);
        var cpu = new CpuShare(options.AppPid);
        var warmUp = await runner.RunAsync(LiveViewers.Both, cancellationToken);
        BenchContext.Log($"live warm-up window (discarded): app CPU {warmUp.MicrosecondsPerEvent:N0} µs per event, {warmUp.PercentOfCore:N1}% of a core");
        var windows = new List<LiveWindow>();
        foreach (var viewers in Windows)
        {
            var window = await runner.RunAsync(viewers, cancellationToken);
            windows.Add(window);
            BenchContext.Log($"live window {window.Label}: app CPU {window.MicrosecondsPerEvent:N0} µs per event, {window.PercentOfCore:N1}% of a core over {window.Cpu?.WallSeconds:N1} s, {window.Accepted} accepted, {window.Delivered} delivered, {window.HubMessages} hub messages");
        }

        var (generator, appShare) = cpu.Stop();
        return new ScenarioRun(Figures(options, windows), generator, appShare, Note(windows));
    }

    private static Dictionary<string, double> Figures(BenchOptions options, List<LiveWindow> windows)
    {
        var watched = windows.Where(w => w.Viewers == LiveViewers.Both).ToList();
        var browser = watched.SelectMany(w => w.BrowserLatencies).Order().ToArray();
        var hub = watched.SelectMany(w => w.HubLatencies).Order().ToArray();
        var seconds = options.Duration.TotalSeconds * watched.Count;
        var cost = new PairedClientCost(windows, options.LiveRate);
        var extra = cost.ExtraMicrosecondsPerSecond(LiveViewers.Both);
        double Median(IEnumerable<double> values) => PairedClientCost.Median([.. values.Where(v => !double.IsNaN(v)).Order()]);
        return new Dictionary<string, double>
        {
            ["hub clients"] = options.HubClients,
            ["rate"] = watched.Sum(w => w.Accepted) / seconds,
            ["browser accept → row p50"] = LoadResult.Percentile(browser, 50),
            ["browser accept → row p99"] = LoadResult.Percentile(browser, 99),
            ["browser main thread busy (B)"] = 100 * Median(watched.Select(w => w.BrowserMainThreadBusy)),
            ["hub accept → message p50"] = LoadResult.Percentile(hub, 50),
            ["hub accept → message p99"] = LoadResult.Percentile(hub, 99),
            ["messages not seen"] = 100.0 * watched.Sum(w => w.HubMissing) / Math.Max(1, watched.Sum(w => (long)w.Accepted * w.HubClients)),
            ["hub messages per client"] = (double)watched.Sum(w => w.HubMessages) / Math.Max(1, options.HubClients) / seconds,
            ["items delivered"] = watched.Sum(w => w.Delivered) / seconds,
            ["app CPU without viewers (A)"] = Median(windows.Where(w => w.Viewers == LiveViewers.None).Select(w => w.PercentOfCore)),
            ["app CPU with viewers (B)"] = Median(watched.Select(w => w.PercentOfCore)),
            ["app CPU per event without viewers (A)"] = Median(windows.Where(w => w.Viewers == LiveViewers.None).Select(w => w.MicrosecondsPerEvent)),
            ["app CPU per event with viewers (B)"] = Median(watched.Select(w => w.MicrosecondsPerEvent)),
            ["extra app CPU with viewers, median of pairs"] = PairedClientCost.Median(extra) / 1e4,
            ["extra app CPU, lowest pair"] = extra.Length == 0 ? double.NaN : extra[0] / 1e4,
            ["extra app CPU, highest pair"] = extra.Length == 0 ? double.NaN : extra[^1] / 1e4,
            ["app CPU per client"] = PairedClientCost.Median(cost.PerClient(LiveViewers.Both)),
            ["app CPU per delivered item"] = PairedClientCost.Median(cost.PerDeliveredItem(LiveViewers.Both)),
            ["hub clients alone, per hub client"] = PairedClientCost.Median(cost.PerClient(LiveViewers.HubClients)),
            ["browser alone"] = PairedClientCost.Median(cost.PerClient(LiveViewers.Browser)),
        };
    }

    private static string Note(List<LiveWindow> windows) =>
        "app CPU per window, µs per accepted event (% of a core) (A none, B browser + hub clients, H hub clients, W browser): "
        + string.Join(" ", windows.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Label} {w.MicrosecondsPerEvent:N0} ({w.PercentOfCore:N1}%)")))
        + "; each window = the send, then until its runs finished, plus 1 s, starting after the runs drained and the previous viewers left; "
        + "pairs (1,2) (3,4) …; extra = (B − A) µs per event × the offered rate; per client = extra ÷ (hub clients + 1); "
        + "per delivered item = the extra CPU ÷ (accepted events to the browser's circuit + items the hub clients received); "
        + "browser latency from rows of the newest events the page keeps";
}
