using System.Net;
using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Infrastructure;
using Dashboard.BrowserTests.Live;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests.SystemStatus;

public sealed class SystemPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SystemPage_AfterEventsStored_ShowsStorageSettingsAndWriterTotals()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(SystemPage_AfterEventsStored_ShowsStorageSettingsAndWriterTotals), seedAdmin: true);
        await LiveDefinitions.CreateAsync(session.Host);
        for (var i = 0; i < 3; i++)
        {
            using var response = await LiveDefinitions.PostOpenAsync(session.Host, $"system-{i}");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await session.SignInAsync();
        var page = session.Page;
        await page.GotoAsync("system");
        await session.WaitForInteractiveAsync();

        await Expect(page.Locator("[data-testid=system-journal-mode]")).ToHaveTextAsync(new Regex("^wal$", RegexOptions.IgnoreCase));
        await Expect(page.Locator("[data-testid=system-synchronous]")).ToHaveTextAsync("FULL (2)");
        await Expect(page.Locator("[data-testid=system-writer]")).ToHaveTextAsync(new Regex(@"^\d+\.\d requests per commit$"));
        var writerCard = page.Locator("[data-testid=system-writer]").Locator("xpath=..");
        await Expect(writerCard).ToContainTextAsync(new Regex(@"[1-9][\d,]* ingestion"));
        await Expect(writerCard).ToContainTextAsync("queued now:");
        await session.ScreenshotAsync("system");
    }
}
