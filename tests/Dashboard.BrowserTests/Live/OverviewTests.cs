using System.Net;
using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests.Live;

public sealed class OverviewTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Overview_WithTraffic_ShowsCountsAndChartsInsteadOfGettingStarted()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(Overview_WithTraffic_ShowsCountsAndChartsInsteadOfGettingStarted), seedAdmin: true);
        await LiveDefinitions.CreateAsync(session.Host);
        await session.SignInAsync();
        await session.Page.GotoAsync("");
        await session.WaitForInteractiveAsync();

        // Traffic while the page is open: the charts plot what arrives live.
        using (var client = session.Host.CreateClient())
        {
            for (var i = 0; i < 12; i++)
            {
                using var accepted = await LiveDefinitions.PostOpenAsync(session.Host, $"overview-{i}");
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
                using var rejected = await client.PostAsync("/hooks/guarded", new StringContent(
                    $$$"""{"specversion":"1.0","id":"no-token-{{{i}}}","source":"/browser","type":"t"}""", System.Text.Encoding.UTF8, "application/cloudevents+json"));
                Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
                await Task.Delay(250); // spread the traffic over a few chart ticks
            }
        }

        await Expect(session.Page.Locator("[data-testid=overview-charts]")).ToContainTextAsync("p50 ");
        await Expect(session.Page.Locator("[data-testid=overview-charts]")).Not.ToContainTextAsync("p50 –");
        await session.ScreenshotAsync("overview");

        // Counts come from the store: after a reload they include everything that arrived.
        await session.Page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        await Expect(session.Page.Locator("[data-testid=overview-charts]")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("[data-testid=getting-started]")).ToHaveCountAsync(0);
        await Expect(session.Page.GetByText("Stored events")).ToBeVisibleAsync();
        await Expect(session.Page.Locator("[data-testid=stat-card][data-title=\"Stored events\"]")).ToContainTextAsync("12");
        await Expect(session.Page.Locator("[data-testid=stat-card][data-title^=\"Rejected requests\"]")).ToContainTextAsync("12");
    }
}
