using System.Net;
using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests.Live;

public sealed class LivePagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions TwoSeconds = new() { Timeout = 2_000 };

    // Under a full suite, test classes run side by side, each with its own host and chromium on two cores: a commit
    // and a render can then take longer than Playwright's 5 s default. Pause/resume are about which rows show, not
    // how fast (the latency test above keeps its 2 s bound), so their waits get room and stay conditions.
    private static readonly LocatorAssertionsToHaveCountOptions Generous = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToHaveTextOptions GenerousText = new() { Timeout = 30_000 };

    private static async Task<BrowserSession> OpenAsync(BrowserFixture browser, string name, string path)
    {
        var session = await BrowserSession.StartAsync(browser, name, seedAdmin: true);
        await LiveDefinitions.CreateAsync(session.Host);
        await session.SignInAsync();
        await session.Page.GotoAsync(path);
        await session.WaitForInteractiveAsync();
        return session;
    }

    /// <summary>Opens /live and waits until it follows the feed: the events a test posts afterwards must all show.</summary>
    private static async Task<BrowserSession> OpenLiveAsync(BrowserFixture browser, string name)
    {
        var session = await OpenAsync(browser, name, "live");
        await session.WaitForLiveAsync();
        return session;
    }

    [Fact]
    public async Task LivePage_EventsPostedOverHttp_AppearWithinTwoSecondsWithoutReload()
    {
        await using var session = await OpenLiveAsync(browser, nameof(LivePage_EventsPostedOverHttp_AppearWithinTwoSecondsWithoutReload));
        var page = session.Page;
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        for (var i = 0; i < 3; i++)
        {
            using var response = await LiveDefinitions.PostOpenAsync(session.Host, $"live-{i}");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await Expect(page.Locator("[data-testid=live-row][data-event-id=live-2]")).ToBeVisibleAsync(TwoSeconds);
        await Expect(page.Locator("[data-testid=live-row]")).ToHaveCountAsync(3);
        Assert.Equal(0, navigations);
        await session.ScreenshotAsync("live");

        await page.Locator("[data-testid=live-row][data-event-id=live-0]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/events/\\d+$"));
        await Expect(page.Locator("[data-testid=routing-trace]")).ToContainTextAsync("open-flow");
    }

    [Fact]
    public async Task LivePage_RejectedEvent_RowShowsIdSourceTypeAndOpensItsTrace()
    {
        await using var session = await OpenLiveAsync(browser, nameof(LivePage_RejectedEvent_RowShowsIdSourceTypeAndOpensItsTrace));
        var page = session.Page;
        using var client = session.Host.CreateClient();
        const string badTime = """{"specversion":"1.0","id":"live-bad","source":"/browser","type":"com.example.open","time":"yesterday","data":{"n":1}}""";
        using var response = await client.PostAsync("/hooks/open", new StringContent(badTime, System.Text.Encoding.UTF8, "application/cloudevents+json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var row = page.Locator("[data-testid=live-row][data-event-id=live-bad]");
        await Expect(row).ToContainTextAsync("com.example.open", new() { Timeout = 30_000 });
        await Expect(row).ToContainTextAsync("/browser");
        await Expect(row).ToContainTextAsync("live-bad");
        await row.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/rejections/\\d+$"));
        await Expect(page.Locator("[data-testid=routing-trace] [data-stage=decode][data-result=failed]")).ToContainTextAsync("time", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=ledger-event-id]")).ToHaveTextAsync("live-bad");
    }

    [Fact]
    public async Task LivePage_Paused_StopsUpdatesAndResumeShowsBacklogCount()
    {
        await using var session = await OpenLiveAsync(browser, nameof(LivePage_Paused_StopsUpdatesAndResumeShowsBacklogCount));
        var page = session.Page;
        (await LiveDefinitions.PostOpenAsync(session.Host, "before-pause")).Dispose();
        await Expect(page.Locator("[data-testid=live-row]")).ToHaveCountAsync(1, Generous);

        await page.Locator("[data-testid=live-pause]").ClickAsync();
        await Expect(page.Locator("[data-testid=live-paused-banner]")).ToBeVisibleAsync();
        for (var i = 0; i < 4; i++)
        {
            (await LiveDefinitions.PostOpenAsync(session.Host, $"paused-{i}")).Dispose();
        }

        await Expect(page.Locator("[data-testid=live-paused-count]")).ToHaveTextAsync("4", GenerousText);
        await Expect(page.Locator("[data-testid=live-row]")).ToHaveCountAsync(1);
        await session.ScreenshotAsync("paused");

        await page.Locator("[data-testid=live-resume]").ClickAsync();
        await Expect(page.Locator("[data-testid=live-backlog-count]")).ToHaveTextAsync("4", GenerousText);
        await Expect(page.Locator("[data-testid=live-row]")).ToHaveCountAsync(5, Generous);
        await session.ScreenshotAsync("resumed");
    }

    [Fact]
    public async Task ActivityPage_AuthFailure_IsHighlightedForItsWorkflow()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(ActivityPage_AuthFailure_IsHighlightedForItsWorkflow), seedAdmin: true);
        var workflowId = await LiveDefinitions.CreateAsync(session.Host);
        await session.SignInAsync();
        var page = session.Page;
        await page.GotoAsync($"activity?workflow={workflowId}");
        await session.WaitForInteractiveAsync();
        await session.WaitForLiveAsync();

        using (var client = session.Host.CreateBearerClient("stolen-token"))
        {
            using var response = await client.PostAsync("/hooks/guarded", new StringContent(
                """{"specversion":"1.0","id":"a1","source":"/x","type":"t"}""", System.Text.Encoding.UTF8, "application/cloudevents+json"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var failure = page.Locator("[data-testid=activity-grid] tr.activity-auth-failure");
        await Expect(failure).ToHaveCountAsync(1);
        await Expect(failure.Locator("[data-testid=auth-failure]")).ToBeVisibleAsync();
        await Expect(failure).ToContainTextAsync("127.0.0.1");
        await Expect(failure.Locator("[data-testid=activity-reason]")).Not.ToBeEmptyAsync();
        // Shown once: the grid follows live activity itself, there is no second live panel repeating its rows.
        await Expect(page.Locator("tr.activity-auth-failure")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=activity-live]")).ToHaveCountAsync(0);
        await session.ScreenshotAsync("activity");

        var csv = await page.EvaluateAsync<string>("async () => (await fetch('api/activity/export?format=csv&kind=rejected-auth')).text()");
        Assert.StartsWith("id,at,workflowId,workflow,kind", csv, StringComparison.Ordinal);
        Assert.Contains(",guarded-flow,rejected-auth,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventDetail_ScriptInPayload_RendersAsTextAndNeverRuns()
    {
        await using var session = await OpenAsync(browser, nameof(EventDetail_ScriptInPayload_RendersAsTextAndNeverRuns), "events");
        var page = session.Page;
        using var response = await LiveDefinitions.PostOpenAsync(session.Host, "xss", """{"html":"<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">"}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var seq = Regex.Match(body, "\"seq\"\\s*:\\s*(\\d+)").Groups[1].Value;

        await page.GotoAsync($"events/{seq}");
        await session.WaitForInteractiveAsync();

        await Expect(page.Locator("[data-testid=event-payload]")).ToContainTextAsync("<script>window.__xss=1</script>");
        await Expect(page.Locator("[data-testid=routing-trace]")).ToContainTextAsync("dedupe");
        Assert.Equal(0, await page.Locator("[data-testid=event-payload] script").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=event-payload] img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"));
        await session.ScreenshotAsync("event-detail");

        await page.GotoAsync($"events?payload={Uri.EscapeDataString("$.html = \"<script>window.__xss=1</script><img src=x onerror=\\\"window.__xss=2\\\">\"")}");
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("[data-testid=event-link]")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"));
    }
}
