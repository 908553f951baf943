using System.Net;
using Dashboard.Benchmarks.Live;
using Dashboard.Benchmarks.Load;
using Dashboard.Benchmarks.Measure;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Scenarios;

/// <summary>
/// End to end to the screen: <c>--viewers</c> headless Chromium pages on <c>/live</c>; events are sent at a modest rate
/// and each page records (MutationObserver) when the row with that event id appears. Latency = row seen − 2xx received.
/// Then single-event ingest runs with the viewers attached, for the ratio to the same figure without viewers.
/// </summary>
public sealed class EndToEndLive : IScenario
{
    public string Name => $"end to end to the screen (/live viewers)";

    public IReadOnlyList<MetricSpec> Metrics { get; } =
    [
        new("viewers", ""),
        new("accept → row p50", "ms", Format: "N0"),
        new("accept → row p99", "ms", "≤ 250", v => v <= 250, Format: "N0"),
        new("rows not seen", "%", "0", v => v == 0, Format: "N1"),
        new("ingest with viewers", "/s", "within 15% of without", Baseline: SingleIngest.KeyFor(structured: false)),
    ];

    public async Task<string?> Unavailable(BenchContext context, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = context.Options.BaseUrl };
        HttpStatusCode status;
        try
        {
            using var response = await client.GetAsync("/live", cancellationToken);
            status = response.StatusCode;
        }
        catch (HttpRequestException ex)
        {
            return "the app is not reachable: " + ex.Message;
        }

        if (status == HttpStatusCode.NotFound)
        {
            return "the live page (/live) is not present yet";
        }

        if (context.Options.ViewerUser is null || context.Options.ViewerPassword is null)
        {
            return "needs --viewer-user and --viewer-password (a dashboard user)";
        }

        return LiveBrowser.ChromiumPath() is null ? "chromium is not on PATH" : null;
    }

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var browser = await LiveBrowser.SignInAsync(context.Options);
        var pages = new List<IPage>();
        for (var i = 0; i < context.Options.Viewers; i++)
        {
            pages.Add(await browser.OpenLiveAsync());
        }

        await Task.Delay(2_000, cancellationToken); // circuits connected
        var requests = context.NewRequests();
        var accepted = await TracedSender.SendAsync(requests, 200, 20, lanes: 1, cancellationToken);
        await Task.Delay(3_000, cancellationToken);
        var latencies = new List<double>();
        var missing = 0;
        foreach (var page in pages)
        {
            var seen = await LiveBrowser.SeenAsync(page);
            foreach (var (id, acceptedAt) in accepted)
            {
                if (seen.TryGetValue(id, out var at))
                {
                    latencies.Add(Math.Max(0, at - acceptedAt));
                }
                else
                {
                    missing++;
                }
            }
        }

        var cpu = new CpuShare(context.Options.AppPid);
        var load = await ClosedLoop.RunAsync(context.NewRequests().Binary, context.Options.Connections,
            TimeSpan.FromSeconds(Math.Min(10, context.Options.Duration.TotalSeconds)), 5_000_000, cancellationToken);
        var (generator, app) = cpu.Stop();
        var sorted = latencies.Order().ToArray();
        return new ScenarioRun(new Dictionary<string, double>
        {
            ["viewers"] = pages.Count,
            ["accept → row p50"] = LoadResult.Percentile(sorted, 50),
            ["accept → row p99"] = LoadResult.Percentile(sorted, 99),
            ["rows not seen"] = 100.0 * missing / Math.Max(1, accepted.Count * pages.Count),
            ["ingest with viewers"] = load.OkPerSecond,
        }, generator, app, "rows seen on a 200-event trace at 20/s; generator CPU includes Chromium only when it runs in-process (it does not)");
    }
}
