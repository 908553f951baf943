using Microsoft.Playwright;

namespace Dashboard.BrowserTests.Infrastructure;

/// <summary>One headless Debian chromium per test class; each test opens its own context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Two test classes run side by side, each with its own host and chromium, on machines as small as two cores:
        // a condition that holds in a second when idle can take several there. Waits stay conditions; only how long
        // an assertion may wait for its condition grows from Playwright's 5 s. A bound a test states itself is kept.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>The `chromium` on PATH (Debian package); the test script installs it when missing.</summary>
    private static string ChromiumPath()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "chromium"))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException("chromium is not on PATH. Install it with: apt-get install -y chromium");
    }
}
