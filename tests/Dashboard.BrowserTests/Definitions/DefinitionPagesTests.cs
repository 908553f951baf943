using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests.Definitions;

public sealed class DefinitionPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Forms_CreateWorkflowAndEventDefinition_ListedAndExported()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(Forms_CreateWorkflowAndEventDefinition_ListedAndExported), seedAdmin: true);
        var page = session.Page;
        await session.SignInAsync();

        await CreateWorkflowAsync(session, "notify-team");
        await page.GotoAsync("workflows");
        await Expect(page.Locator("[data-testid=workflows-grid]")).ToContainTextAsync("notify-team");
        await session.ScreenshotAsync("workflows");

        await CreateEventDefinitionAsync(session, "orders.created", "shop/orders");
        await page.GotoAsync("event-definitions");
        await Expect(page.Locator("[data-testid=event-definitions-grid]")).ToContainTextAsync("orders.created");
        await session.ScreenshotAsync("event-definitions");

        await page.GotoAsync("definitions/transfer");
        await session.WaitForInteractiveAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=transfer-export]").ClickAsync());
        await session.ScreenshotAsync("transfer");
        var yaml = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.EndsWith(".yaml", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("name: notify-team", yaml, StringComparison.Ordinal);
        Assert.Contains("key: orders.created", yaml, StringComparison.Ordinal);
        Assert.Contains("route: shop/orders", yaml, StringComparison.Ordinal);
    }

    internal static async Task CreateWorkflowAsync(BrowserSession session, string name)
    {
        var page = session.Page;
        await page.GotoAsync("workflows/new");
        await session.WaitForInteractiveAsync();
        await page.Locator("[data-testid=field-name]").FillAsync(name);
        await page.Locator("[data-testid=step-add]").ClickAsync();
        await page.Locator("[data-testid=step-0-name]").FillAsync("say-hello");
        await page.Locator("[data-testid=step-0-setting-message]").FillAsync("hello");
        await session.ScreenshotAsync("workflow-form");
        await page.Locator("[data-testid=workflow-save]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/workflows/[0-9]+$"), new() { Timeout = 30_000 });
        await Expect(page.GetByText($"Workflow '{name}' saved.")).ToBeVisibleAsync();
        await session.ScreenshotAsync("workflow-saved");
        await Expect(page.Locator("[data-testid=workflow-errors]")).ToHaveCountAsync(0);
    }

    internal static async Task CreateEventDefinitionAsync(BrowserSession session, string key, string route)
    {
        var page = session.Page;
        await page.GotoAsync("event-definitions/new");
        await session.WaitForInteractiveAsync();
        await page.Locator("[data-testid=field-key]").FillAsync(key);
        await page.Locator("[data-testid=field-http-route]").FillAsync(route);
        await page.Locator("[data-testid=field-data-schema]").FillAsync("{\"type\": \"object\"}");
        await session.ScreenshotAsync("event-definition-form");
        await page.Locator("[data-testid=event-definition-save]").ClickAsync();
        // Saving and navigating can take longer than the 5 s default while the suite loads both cores.
        await Expect(page).ToHaveURLAsync(new Regex("/event-definitions/[0-9]+$"), new() { Timeout = 30_000 });
        await session.ScreenshotAsync("event-definition-saved");
        await Expect(page.Locator("[data-testid=event-definition-errors]")).ToHaveCountAsync(0);
    }
}
