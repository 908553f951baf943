using Dashboard.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests.Layout;

public sealed class ThemeAndPhoneTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ThemeToggle_DarkChosen_KeptAcrossReloadAndSignIn()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(ThemeToggle_DarkChosen_KeptAcrossReloadAndSignIn), seedAdmin: true);
        await session.SignInAsync();
        var page = session.Page;
        await session.WaitForInteractiveAsync();
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await Expect(page.Locator("body.theme-dark")).ToHaveCountAsync(1);

        await page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("body.theme-dark")).ToHaveCountAsync(1);
        // #161b22, the dark palette's app bar.
        var appBar = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-appbar')).backgroundColor");
        Assert.Equal("rgb(22, 27, 34)", appBar);
        await session.ScreenshotAsync("overview-dark");

        await page.Locator("[data-testid=sign-out]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Expect(page.Locator("body.theme-dark")).ToHaveCountAsync(1);
        await session.SignInAsync();
        await Expect(page.Locator("body.theme-dark")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task PhoneScreen_390PixelsWide_HeaderAndActionsStayOnScreen()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(PhoneScreen_390PixelsWide_HeaderAndActionsStayOnScreen), seedAdmin: true);
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await session.SignInAsync();
        await session.WaitForInteractiveAsync();
        foreach (var path in new[] { "", "workflows", "event-definitions", "live" })
        {
            await page.GotoAsync(path);
            await session.WaitForInteractiveAsync();

            // The header is measured once it is rendered: a loaded machine can apply the first render batch late.
            await Expect(page.Locator("[data-testid=sign-out]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"/{path} is {overflow} px wider than the screen");
            var signOut = await page.Locator("[data-testid=sign-out]").BoundingBoxAsync();
            Assert.NotNull(signOut);
            Assert.True(signOut.X + signOut.Width <= 390, $"/{path}: Sign out ends at {signOut.X + signOut.Width} px");
        }

        await session.ScreenshotAsync("phone-live");
    }

    [Fact]
    public async Task UnknownAddress_InTheBrowser_ShowsTheNotFoundPage()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(UnknownAddress_InTheBrowser_ShowsTheNotFoundPage), seedAdmin: true);
        await session.SignInAsync();
        var response = await session.Page.GotoAsync("no-such-page");
        Assert.Equal(404, response!.Status);
        await Expect(session.Page.Locator("h2")).ToContainTextAsync("Page not found");
        // Still there once the circuit is live: the interactive router shows the same page for the unknown address.
        await session.WaitForInteractiveAsync();
        await Expect(session.Page.Locator("h2")).ToContainTextAsync("Page not found");
        await Expect(session.Page.Locator("[data-testid=current-user]")).ToBeVisibleAsync();
    }
}
