using System.Text.RegularExpressions;
using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Pages;

/// <summary>
/// What the server sends before a page's circuit starts: an interactive page arrives inert with a connecting bar, so
/// nothing can be typed into a form the circuit is about to replace; the sign-in page, which never becomes
/// interactive, arrives usable.
/// </summary>
public sealed partial class PrerenderedPagesTests : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartWithAdminAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/event-definitions/new")]
    [InlineData("/workflows/new")]
    [InlineData("/events")]
    public async Task Get_InteractivePage_PrerendersAnInertBodyAndTheConnectingBar(string path)
    {
        using var browser = await _host.CreateSignedInClientAsync();

        var html = await browser.GetStringAsync(path);

        var body = PageBody().Match(html);
        Assert.True(body.Success, "the layout's page body is missing");
        Assert.Contains("data-interactive=\"off\"", body.Value, StringComparison.Ordinal);
        Assert.Matches(@"\sinert[\s>=]", body.Value);
        Assert.Contains("data-testid=\"page-connecting\"", html, StringComparison.Ordinal);
        Assert.Contains("blazor.web.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SignInPage_IsNotInert()
    {
        using var anonymous = _host.CreateClient();

        var html = await anonymous.GetStringAsync("/account/login");

        Assert.Contains("<form", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\sinert[\s>=]", html);
        Assert.DoesNotContain("page-connecting", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<div class=\"page-body\"[^>]*>")]
    private static partial Regex PageBody();
}
