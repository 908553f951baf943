using System.Diagnostics;
using System.Net;
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
    private const string Observer = """
        () => {
          window.__seen = {};
          new MutationObserver(() => {
            for (const row of document.querySelectorAll('[data-testid=live-row][data-event-id]')) {
              const id = row.getAttribute('data-event-id');
              if (!(id in window.__seen)) window.__seen[id] = Date.now();
            }
          }).observe(document.body, { childList: true, subtree: true });
        }
        """;

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

        return ChromiumPath() is null ? "chromium is not on PATH" : null;
    }

    public async Task<ScenarioRun> RunOnceAsync(BenchContext context, CancellationToken cancellationToken)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var browserContext = await browser.NewContextAsync(new() { BaseURL = context.Options.BaseUrl.ToString() });
        var signIn = await browserContext.NewPageAsync();
        await signIn.GotoAsync("account/login");
        await signIn.Locator("#userName").FillAsync(context.Options.ViewerUser!);
        await signIn.Locator("#password").FillAsync(context.Options.ViewerPassword!);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await signIn.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await signIn.CloseAsync();

        var pages = new List<IPage>();
        for (var i = 0; i < context.Options.Viewers; i++)
        {
            var page = await browserContext.NewPageAsync();
            await page.GotoAsync("live");
            await page.Locator("[data-testid=live-rate]").WaitForAsync(new() { Timeout = 15_000 });
            await page.EvaluateAsync(Observer);
            pages.Add(page);
        }

        await Task.Delay(2_000, cancellationToken); // circuits connected
        var requests = context.NewRequests();
        var accepted = await SendTracedAsync(context, requests, 200, 20, cancellationToken);
        await Task.Delay(3_000, cancellationToken);
        var latencies = new List<double>();
        var missing = 0;
        foreach (var page in pages)
        {
            var seen = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__seen");
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

    /// <summary>Sends <paramref name="count"/> events at <paramref name="rate"/>/s; returns id → Unix ms of the 2xx.</summary>
    private static async Task<Dictionary<string, double>> SendTracedAsync(BenchContext context, CloudEventRequests requests, int count, int rate, CancellationToken cancellationToken)
    {
        using var client = HttpClients.Create(4);
        var accepted = new Dictionary<string, double>();
        var watch = Stopwatch.StartNew();
        for (var n = 0; n < count; n++)
        {
            var delay = TimeSpan.FromSeconds((double)n / rate) - watch.Elapsed;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }

            using var message = requests.Binary(n);
            var id = message.Headers.GetValues("ce-id").First();
            using var response = await client.SendAsync(message, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                accepted[id] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            }
        }

        return accepted;
    }

    private static string? ChromiumPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "chromium")).FirstOrDefault(File.Exists);
}
