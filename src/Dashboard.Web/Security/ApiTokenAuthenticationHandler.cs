using System.Security.Claims;
using System.Text.Encodings.Web;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>Authenticates REST API calls by <c>Authorization: Bearer &lt;token&gt;</c>. Ingest-only tokens get no API access.</summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenIdClaim = "token_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = BearerToken(Request);
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }

        var token = await tokens.AuthenticateAsync(secret, Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        }

        if (token.Role == ApiTokenRole.Ingest)
        {
            return AuthenticateResult.Fail("The token may only send events.");
        }

        var role = Enum.Parse<UserRole>(token.Role.ToString());
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, $"token:{token.Name}"),
            new(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        claims.AddRange(Policies.RoleClaims(role));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }
}
