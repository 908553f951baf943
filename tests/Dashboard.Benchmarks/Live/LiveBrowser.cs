using Dashboard.Benchmarks.Scenarios;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Live;

/// <summary>
/// Headless Chromium (Debian's executable) signed in as the benchmark's dashboard user; each <c>/live</c> page records
/// (MutationObserver) the Unix ms at which the row of each event id first appeared.
/// </summary>
public sealed class LiveBrowser : IAsyncDisposable
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

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;

    private LiveBrowser(IPlaywright playwright, IBrowser browser, IBrowserContext context) =>
        (_playwright, _browser, _context) = (playwright, browser, context);

    public static string? ChromiumPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "chromium")).FirstOrDefault(File.Exists);

    public static async Task<LiveBrowser> SignInAsync(BenchOptions options)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        BrowserNice.Apply();
        var context = await browser.NewContextAsync(new() { BaseURL = options.BaseUrl.ToString() });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("account/login");
        await signIn.Locator("#userName").FillAsync(options.ViewerUser!);
        await signIn.Locator("#password").FillAsync(options.ViewerPassword!);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await signIn.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await signIn.CloseAsync();
        return new LiveBrowser(playwright, browser, context);
    }

    /// <summary>Opens <c>/live</c> and starts recording rows.</summary>
    public async Task<IPage> OpenLiveAsync()
    {
        var page = await _context.NewPageAsync();
        BrowserNice.Apply(); // the page's renderer process is new
        await page.GotoAsync("live");
        await page.Locator("[data-testid=live-rate]").WaitForAsync(new() { Timeout = 15_000 });
        await page.EvaluateAsync(Observer);
        return page;
    }

    /// <summary>
    /// Leaves <c>/live</c> (the page's unload ends its circuit at once instead of leaving it to the disconnected-circuit
    /// retention) and closes the tab.
    /// </summary>
    public static async Task CloseLiveAsync(IPage page)
    {
        await page.GotoAsync("about:blank");
        await page.CloseAsync();
    }

    /// <summary>
    /// Starts timing <paramref name="page"/>'s main thread: the DevTools protocol's <c>TaskDuration</c> is the time spent
    /// in tasks there (script, style, layout, parsing, paint). A live view's rows wait in that thread's queue while it
    /// is busy, so a share near 100% means the browser, not the server, sets the delay.
    /// </summary>
    public static async Task<MainThreadClock> StartMainThreadClockAsync(IPage page)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("Performance.enable");
        return new MainThreadClock(session, await MainThreadClock.TaskSecondsAsync(session));
    }

    /// <summary>Event id → Unix ms at which its row appeared on <paramref name="page"/>.</summary>
    public static Task<Dictionary<string, double>> SeenAsync(IPage page) =>
        page.EvaluateAsync<Dictionary<string, double>>("() => window.__seen");

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>The busy share of a page's main thread since <see cref="LiveBrowser.StartMainThreadClockAsync"/>.</summary>
public sealed class MainThreadClock(ICDPSession session, double startTaskSeconds)
{
    private readonly System.Diagnostics.Stopwatch _wall = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Task time on the main thread ÷ wall time, 0–1.</summary>
    public async Task<double> StopAsync()
    {
        var busy = await TaskSecondsAsync(session) - startTaskSeconds;
        var wall = _wall.Elapsed.TotalSeconds;
        await session.DetachAsync();
        return wall > 0 ? busy / wall : double.NaN;
    }

    internal static async Task<double> TaskSecondsAsync(ICDPSession session)
    {
        var result = await session.SendAsync("Performance.getMetrics");
        foreach (var metric in result!.Value.GetProperty("metrics").EnumerateArray())
        {
            if (metric.GetProperty("name").GetString() == "TaskDuration")
            {
                return metric.GetProperty("value").GetDouble();
            }
        }

        return double.NaN;
    }
}
