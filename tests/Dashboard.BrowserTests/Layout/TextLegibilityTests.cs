using System.Net;
using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Infrastructure;
using Dashboard.BrowserTests.Live;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests.Layout;

/// <summary>Text that must stay readable: underscores in monospace fields, table cells not cut while the page has room.</summary>
public sealed class TextLegibilityTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TokenSecret_Underscore_IsDrawnInTheMonospaceField()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(TokenSecret_Underscore_IsDrawnInTheMonospaceField), seedAdmin: true);
        var page = session.Page;
        await session.SignInAsync();
        await page.GotoAsync("tokens");
        await session.WaitForInteractiveAsync();
        await page.Locator("[data-testid=tokens-empty-new], [data-testid=tokens-new]").First.ClickAsync();
        await page.Locator("input[data-testid=token-field-name]").FillAsync("legible");
        await page.Locator("[data-testid=token-create]").ClickAsync();
        var secret = page.Locator("input[data-testid=token-secret]");
        await Expect(secret).ToHaveValueAsync(new Regex("^edt_"), new() { Timeout = 15_000 });

        // Replacing each underscore by a space must change the pixels: an underscore clipped below the line box draws nothing.
        var withUnderscores = await secret.ScreenshotAsync();
        await secret.EvaluateAsync("e => e.value = e.value.replaceAll('_', ' ')");
        var withSpaces = await secret.ScreenshotAsync();

        Assert.False(withUnderscores.AsSpan().SequenceEqual(withSpaces), "the underscores in the token draw nothing");
    }

    [Fact]
    public async Task WideScreen_TablesWithRoom_NoCellIsCutOff()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(WideScreen_TablesWithRoom_NoCellIsCutOff), seedAdmin: true);
        var page = session.Page;
        await page.SetViewportSizeAsync(1600, 1000);
        await LiveDefinitions.CreateAsync(session.Host);
        for (var i = 0; i < 3; i++)
        {
            using var response = await LiveDefinitions.PostOpenAsync(session.Host, $"wide-{i}-with-a-rather-long-event-identifier-0123456789");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await session.SignInAsync();
        foreach (var path in new[] { "events", "activity", "workflows", "event-definitions" })
        {
            await page.GotoAsync(path);
            await session.WaitForInteractiveAsync();
            await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync(new() { Timeout = 15_000 });

            // A cell whose text is wider than the cell, inside a table narrower than the space it was given, is cut for no reason.
            var cut = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('table')].flatMap(table => {
                    const room = table.parentElement.clientWidth;
                    if (table.offsetWidth >= room) return [];
                    return [...table.querySelectorAll('td, th')]
                        .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
                        .map(cell => cell.textContent.trim().slice(0, 40));
                })
                """);
            Assert.True(cut.Length == 0, $"/{path}: cells cut off while the table has room: {string.Join(" | ", cut)}");
        }
    }
}
