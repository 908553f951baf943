using System.Net;
using Dashboard.Runtime.Access;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Account;

public sealed class SetupFlowTests
{
    private const string Password = "first-admin-password";

    [Fact]
    public async Task Setup_FreshInstance_CodeFromLogCreatesAdminWhoCanSignIn()
    {
        await using var host = await DashboardHost.StartAsync();
        using var client = host.CreateClient();
        var code = host.SetupCode();
        Assert.NotNull(code);

        using (var login = await client.GetAsync("/account/login"))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            Assert.EndsWith("/account/setup", login.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        using (var wrong = await Setup(client, "ZZZZZZZZ"))
        {
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("The setup code is wrong", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.False(await host.Services.GetRequiredService<UserService>().AnyUserAsync(CancellationToken.None));

        using (var right = await Setup(client, code.ToLowerInvariant()))
        {
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
            Assert.Contains("account/login", right.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var users = await host.Services.GetRequiredService<UserService>().ListAsync(CancellationToken.None);
        var admin = Assert.Single(users);
        Assert.Equal(("first", Dashboard.Data.Entities.UserRole.Admin), (admin.UserName, admin.Role));

        using (var again = await client.GetAsync("/account/setup"))
        {
            Assert.Contains("Setup is complete", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var signIn = await DashboardHost.PostSignInAsync(client, "first", Password))
        {
            AssertRedirect(host, signIn, "/");
        }

        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Overview", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_AfterCompletion_SecondAdminCannotBeCreated()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using var client = host.CreateClient();

        Assert.Null(host.SetupCode());
        using var page = await client.GetAsync("/account/setup");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Setup is complete", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"code\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndFifthFailureLocksAccount()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using var client = host.CreateClient();

        for (var attempt = 1; attempt < UserService.MaxFailedSignIns; attempt++)
        {
            using var wrong = await DashboardHost.PostSignInAsync(client, DashboardHost.AdminUser, "wrong-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"sign-in-error\"", html, StringComparison.Ordinal);
            Assert.Contains("Wrong user name or password.", html, StringComparison.Ordinal);
        }

        using (var fifth = await DashboardHost.PostSignInAsync(client, DashboardHost.AdminUser, "wrong-password"))
        {
            Assert.Contains("Too many failed attempts", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var correct = await DashboardHost.PostSignInAsync(client, DashboardHost.AdminUser, DashboardHost.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, correct.StatusCode);
        Assert.Contains("Too many failed attempts", await correct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(correct.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("dashboard.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_UnknownUser_ShowsSameErrorAsWrongPassword()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using var client = host.CreateClient();

        using var response = await DashboardHost.PostSignInAsync(client, "nobody", "whatever-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong user name or password.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ReturnUrlOnAnotherSite_RedirectsHome()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using var client = host.CreateClient();

        using var response = await HtmlForm.SubmitAsync(client, "/account/login?returnUrl=%2F%2Fevil.example",
            new Dictionary<string, string> { ["userName"] = DashboardHost.AdminUser, ["password"] = DashboardHost.AdminPassword });

        AssertRedirect(host, response, "/");
    }

    /// <summary>A redirect to <paramref name="path"/> on this same host (never to another site).</summary>
    private static void AssertRedirect(DashboardHost host, HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(host.BaseAddress, path), new Uri(host.BaseAddress, response.Headers.Location!));
    }

    private static Task<HttpResponseMessage> Setup(HttpClient client, string code) =>
        HtmlForm.SubmitAsync(client, "/account/setup", new Dictionary<string, string> { ["code"] = code, ["userName"] = "first", ["password"] = Password });
}
