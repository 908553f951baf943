using System.Text.RegularExpressions;
using Dashboard.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests.Infrastructure;

/// <summary>A fresh app instance plus a fresh browser context and page, with screenshots saved as artifacts.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly string _testName;
    private int _shots;
    private volatile TaskCompletionSource _interactive = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BrowserSession(DashboardHost host, IBrowserContext context, IPage page, string testName)
    {
        Host = host;
        Context = context;
        Page = page;
        _testName = testName;
        TrackCircuit();
    }

    public DashboardHost Host { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public static async Task<BrowserSession> StartAsync(BrowserFixture browser, string testName, bool seedAdmin, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        if (seedAdmin)
        {
            all["Setup:AdminUser"] = DashboardHost.AdminUser;
            all["Setup:AdminPassword"] = DashboardHost.AdminPassword;
        }

        var host = await DashboardHost.StartAsync(all);
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = host.BaseAddress.ToString(), AcceptDownloads = true });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(host, context, page, testName);
    }

    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots")).FullName;

    /// <summary>Saves a screenshot (the full page unless <paramref name="fullPage"/> is false) named after the test and the page.</summary>
    public async Task ScreenshotAsync(string name, bool fullPage = true)
    {
        var file = Path.Combine(ScreenshotFolder, $"{_testName}-{++_shots:00}-{name}.png");
        if (fullPage)
        {
            // From the top: a scrolled page would draw its fixed app bar and drawer halfway down the image.
            await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        }

        await Page.ScreenshotAsync(new() { Path = file, FullPage = fullPage });
    }

    /// <summary>Signs in through the form and waits for the overview page.</summary>
    public async Task SignInAsync(string userName = DashboardHost.AdminUser, string password = DashboardHost.AdminPassword)
    {
        await Page.GotoAsync("account/login");
        await Page.Locator("#userName").FillAsync(userName);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.Locator("[data-testid=current-user]")).ToHaveTextAsync(new Regex(Regex.Escape(userName)));
    }

    /// <summary>
    /// Waits until the current page's Blazor circuit is live: its WebSocket has delivered the first render batch,
    /// which attaches the event handlers to the prerendered markup. Clicks before that reach dead HTML.
    /// </summary>
    public async Task WaitForInteractiveAsync()
    {
        await Page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await _interactive.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // The first render batch was received; two animation frames later the page has applied it and its event
        // handlers are attached, so a click is not lost on the prerendered markup.
        await Page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))");

        // That first batch can be another root component's (the head outlet's). The page body says when the layout,
        // and with it the page, has rendered in the circuit: a page that loads its data shows its loading state from
        // then on, so what a test types cannot land in prerendered fields the circuit replaces a moment later.
        await Expect(Page.Locator("[data-testid=page-body][data-interactive=on]")).ToBeAttachedAsync();

        // The prerendered page was inert under a connecting bar; the live page is neither.
        await Expect(Page.Locator("[data-testid=page-body]:not([inert])")).ToBeAttachedAsync();
        await Expect(Page.Locator("[data-testid=page-connecting]")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Waits until the page's live view holds its feed subscription, which it shows as its live status: an item
    /// published after this reaches the page. A live circuit alone does not mean that: the circuit's first render batch
    /// can be another root component's (the head outlet's), sent before the page itself was initialized, and a page
    /// may subscribe only after a first await.
    /// </summary>
    public async Task WaitForLiveAsync() =>
        await Expect(Page.Locator("[data-testid=live-status][data-live=on]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

    private void TrackCircuit()
    {
        // A new document (not an in-page navigation of the live circuit) starts a new circuit. The old document stays
        // alive until the new one commits, and can still open its own circuit's socket in between: the new circuit is
        // only waited for from the commit on, or the old circuit's first render batch would count for the new page.
        var documentRequested = false;
        Page.Request += (_, request) =>
        {
            if (request.IsNavigationRequest && request.ResourceType == "document" && request.Frame == Page.MainFrame)
            {
                documentRequested = true;
            }
        };
        Page.FrameNavigated += (_, frame) =>
        {
            if (frame == Page.MainFrame && documentRequested)
            {
                documentRequested = false;
                _interactive = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        };
        Page.WebSocket += (_, socket) =>
        {
            if (!socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                return;
            }

            var ready = _interactive;
            socket.FrameReceived += (_, frame) =>
            {
                var payload = frame.Binary is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : frame.Text ?? "";
                if (payload.Contains("JS.RenderBatch", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            };
        };
    }

    public async ValueTask DisposeAsync()
    {
        // The host's warnings and errors, next to the screenshots, for diagnosing a failed run.
        await File.WriteAllLinesAsync(Path.Combine(ScreenshotFolder, $"{_testName}.log"),
            Host.Logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)));
        await Context.DisposeAsync();
        await Host.DisposeAsync();
    }
}
