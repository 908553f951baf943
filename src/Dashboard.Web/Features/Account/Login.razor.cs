using System.Globalization;
using System.Security.Claims;
using Dashboard.Runtime.Access;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Account;

public sealed partial class Login
{
    private string? _error;

    [Inject] public required UserService Users { get; init; }
    [Inject] public required FirstRunSetup Setup { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [CascadingParameter] public HttpContext HttpContext { get; set; } = default!;

    // Form posts may bind null; the getter supplies an empty form instead of an initializer.
    [SupplyParameterFromForm] public SignInForm Input { get => _input ??= new(); set => _input = value; }

    private SignInForm? _input;

    [SupplyParameterFromQuery] public string? ReturnUrl { get; set; }

    /// <summary>"done" after first-run setup created the Admin: the page says so.</summary>
    [SupplyParameterFromQuery(Name = "setup")] public string? SetupState { get; set; }

    private bool SetupDone => string.Equals(SetupState, "done", StringComparison.Ordinal);

    protected override void OnInitialized()
    {
        if (Setup.SetupRequired)
        {
            Navigation.NavigateTo("account/setup");
        }
    }

    private async Task SignInAsync()
    {
        var outcome = await Users.CheckPasswordAsync(Input.UserName.Trim(), Input.Password, HttpContext.RequestAborted);
        if (outcome.LockedUntil is { } until)
        {
            _error = $"Too many failed attempts. Try again after {until.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}.";
            return;
        }

        if (outcome.User is not { } user)
        {
            _error = "Wrong user name or password.";
            return;
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(Policies.RoleClaims(user.Role));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        Navigation.NavigateTo(IsLocal(ReturnUrl) ? ReturnUrl! : "/", forceLoad: true);
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
