using System.Text.RegularExpressions;
using Dashboard.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.BrowserTests.Account;

public sealed class AccountPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task FirstRun_SetupCodeFromLog_CreatesAdminAndSignsIn()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(FirstRun_SetupCodeFromLog_CreatesAdminAndSignsIn), seedAdmin: false);
        var page = session.Page;

        await page.GotoAsync("");
        await Expect(page).ToHaveURLAsync(new Regex("/account/setup$"));
        await session.ScreenshotAsync("setup");
        await page.Locator("#code").FillAsync(session.Host.SetupCode()!);
        await page.Locator("#userName").FillAsync("owner");
        await page.Locator("#password").FillAsync("owner-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create Admin" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?setup=done$"));
        await Expect(page.Locator("[data-testid=setup-done]")).ToContainTextAsync("Admin account was created");
        // The static account pages use the app's sans-serif stack, never the browser's serif fallback.
        var font = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('label')).fontFamily");
        Assert.DoesNotContain("serif", font.Replace("sans-serif", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("sans-serif", font, StringComparison.Ordinal);
        await session.ScreenshotAsync("login-after-setup");
        await session.SignInAsync("owner", "owner-password-1");
        await Expect(page).ToHaveURLAsync(session.Host.BaseAddress.ToString());
        await session.ScreenshotAsync("overview");
    }

    [Fact]
    public async Task Setup_WrongCode_ShowsErrorAtCode()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(Setup_WrongCode_ShowsErrorAtCode), seedAdmin: false);
        var page = session.Page;

        await page.GotoAsync("account/setup");
        await page.Locator("#code").FillAsync("ZZZZZZZZ");
        await page.Locator("#password").FillAsync("owner-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create Admin" }).ClickAsync();

        await Expect(page.GetByText("The setup code is wrong")).ToBeVisibleAsync();
        await session.ScreenshotAsync("setup-wrong-code");
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsError()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(SignIn_WrongPassword_ShowsError), seedAdmin: true);
        var page = session.Page;

        await page.GotoAsync("account/login");
        await page.Locator("#userName").FillAsync(Dashboard.Testing.DashboardHost.AdminUser);
        await page.Locator("#password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.Locator("[data-testid=sign-in-error]")).ToContainTextAsync("Wrong user name or password.");
        await session.ScreenshotAsync("sign-in-error");
    }

    [Fact]
    public async Task Overview_NothingDefined_ShowsGettingStarted()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(Overview_NothingDefined_ShowsGettingStarted), seedAdmin: true);
        var page = session.Page;

        await page.GotoAsync("workflows");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fworkflows$", RegexOptions.IgnoreCase));
        await session.SignInAsync();
        await page.GotoAsync("");
        await session.WaitForInteractiveAsync();

        await Expect(page.Locator("[data-testid=getting-started]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create a workflow" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("overview-empty");
    }

    [Fact]
    public async Task SignOut_FromHeader_ReturnsToSignIn()
    {
        await using var session = await BrowserSession.StartAsync(browser, nameof(SignOut_FromHeader_ReturnsToSignIn), seedAdmin: true);
        var page = session.Page;
        await session.SignInAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await page.GotoAsync("");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2F$", RegexOptions.IgnoreCase));
    }
}
