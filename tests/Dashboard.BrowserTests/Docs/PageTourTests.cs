using System.Net;
using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests.Docs;

/// <summary>
/// One signed-in browser walks the pages the README and docs show, on a runtime with real traffic, first in the light
/// theme and then in the dark one. Each page must show its seeded data before its screenshot is taken
/// (artifacts/screenshots/PageTour_…-NN-&lt;page&gt;-&lt;theme&gt;.png; docs/images holds copies).
/// </summary>
public sealed class PageTourTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Several browser-test classes share two cores in a full run: waits are conditions with room, not sleeps.
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToContainTextOptions Contains = new() { Timeout = 30_000 };

    [Fact]
    public async Task Tour_SeededRuntime_EveryPageShowsItsDataInBothThemes()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(Tour_SeededRuntime_EveryPageShowsItsDataInBothThemes), seedAdmin: true);
        var seeded = await ShowcaseTraffic.SeedAsync(session.Host);
        await session.Page.SetViewportSizeAsync(1440, 900);
        await session.SignInAsync();

        await TourAsync(session, seeded, "light");

        await session.WaitForInteractiveAsync();
        await session.Page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await Expect(session.Page.Locator("body.theme-dark")).ToHaveCountAsync(1);
        await session.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await TourAsync(session, seeded, "dark");
    }

    private static async Task TourAsync(BrowserSession session, ShowcaseTraffic.Seeded seeded, string theme)
    {
        var page = session.Page;

        await OpenAsync(session, "?range=15m");
        await ShowcaseTraffic.LiveTrafficAsync(session.Host, seeded.IngestToken, theme);
        await Expect(page.Locator("[data-testid=overview-charts]")).Not.ToContainTextAsync("p50 –", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=outcome-succeeded]")).ToBeVisibleAsync(Visible);
        await Expect(page.Locator("[data-testid=failing-workflows]")).ToContainTextAsync("notify-warehouse", Contains);
        await Expect(page.Locator("[data-testid=rejecting-definitions]")).ToContainTextAsync("shop.order-created", Contains);
        await session.ScreenshotAsync($"overview-range-{theme}");

        await OpenAsync(session, $"events/{seeded.OrderSeq}");
        await Expect(page.Locator("[data-testid=routing-trace] [data-stage=dedupe][data-result=passed]")).ToBeVisibleAsync(Visible);
        await Expect(page.Locator("[data-testid=event-runs]")).ToContainTextAsync("order-received", Contains);
        await session.ScreenshotAsync($"event-trace-{theme}");

        await OpenAsync(session, $"rejections/{seeded.RejectedLedgerId}");
        await Expect(page.Locator("[data-testid=routing-trace] [data-result=failed]")).ToBeVisibleAsync(Visible);
        await Expect(page.Locator("[data-testid=ledger-reason]")).ToContainTextAsync("token", Contains);
        await session.ScreenshotAsync($"rejection-trace-{theme}");

        await OpenAsync(session, "audit");
        await Expect(page.Locator("[data-testid=audit-table]")).ToContainTextAsync("run.replay", Contains);
        await Expect(page.Locator("[data-testid=audit-table]")).ToContainTextAsync("token.create");
        await session.ScreenshotAsync($"audit-{theme}");

        // The reference page (Scalar) at the sync webhook's operation: its tag in the sidebar, then the operation.
        await page.GotoAsync("reference/");
        await page.GetByText("Event definitions", new() { Exact = true }).First.ClickAsync();
        await page.GetByText("Send a 'shop.quote' event").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Send a 'shop.quote' event" })).ToBeInViewportAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("/hooks/shop/quote").First).ToBeVisibleAsync(Visible);
        await session.ScreenshotAsync($"api-reference-{theme}", fullPage: false);

        await OpenAsync(session, "event-definitions");
        await Expect(page.Locator("[data-testid=event-definitions-grid]")).ToContainTextAsync("shop.quote", Contains);
        await Expect(page.Locator("[data-testid=event-definitions-grid]")).ToContainTextAsync("reports.nightly");
        await session.ScreenshotAsync($"event-definitions-{theme}");

        await OpenAsync(session, $"event-definitions/{seeded.QuoteDefinitionId}");
        await Expect(page.Locator("[data-testid=field-response-schema]")).ToBeVisibleAsync(Visible);
        await Expect(page.Locator("[data-testid=field-http-route]")).ToHaveValueAsync("shop/quote");
        await session.ScreenshotAsync($"event-definition-sync-{theme}");

        await OpenAsync(session, $"workflows/{seeded.QuoteWorkflowId}");
        await page.Locator("#dry-run-data").FillAsync("""{ "orderId": "A-1042", "qty": 3 }""");
        await page.Locator("[data-testid=dry-run-start]").ClickAsync();
        await Expect(page.Locator("[data-testid=dry-run-outcome]")).ToContainTextAsync("would succeed", Contains);
        await Expect(page.Locator("[data-testid=dry-run-step]")).ToHaveCountAsync(2);
        await session.ScreenshotAsync($"workflow-dry-run-{theme}");

        await OpenAsync(session, "dead-letters");
        await Expect(page.Locator("[data-testid=replayed-dead-letter]")).ToContainTextAsync("resolved", Contains);
        await Expect(page.Locator("[data-testid=dead-letter-group]")).ToHaveCountAsync(1);
        await session.ScreenshotAsync($"dead-letters-{theme}");
    }

    private static async Task OpenAsync(BrowserSession session, string path)
    {
        var response = await session.Page.GotoAsync(path);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        await session.WaitForInteractiveAsync();
    }
}
