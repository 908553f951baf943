using System.Security.Cryptography;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Security;

/// <summary>
/// First run: seeds the Admin and API token from configuration, or, when no user exists, prints a one-time
/// setup code to the log that the /setup page asks for, so only someone who can read the log claims the instance.
/// </summary>
public sealed class FirstRunSetup(UserService users, ApiTokenService tokens, IOptions<SetupOptions> options, ILogger<FirstRunSetup> logger)
{
    private static readonly Actor SetupActor = new("setup");
    private volatile string? _setupCode;

    /// <summary>True while no user exists; the setup page is open only then.</summary>
    public bool SetupRequired => _setupCode is not null;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var setup = options.Value;
        if (!string.IsNullOrEmpty(setup.AdminUser) && !string.IsNullOrEmpty(setup.AdminPassword) && !await users.AnyUserAsync(cancellationToken))
        {
            var created = await users.CreateAsync(setup.AdminUser, setup.AdminPassword, UserRole.Admin, SetupActor, cancellationToken);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Setup:AdminUser/AdminPassword: " + string.Join("; ", created.Errors.Select(e => $"{e.Field}: {e.Message}")));
            }

            logger.LogInformation("Created the Admin user {UserName} from configuration", setup.AdminUser);
        }

        if (!string.IsNullOrEmpty(setup.AdminApiToken))
        {
            var request = new ApiTokenService.TokenRequest("admin (from configuration)", ApiTokenRole.Admin, TokenScopeKind.All, null, null);
            var (created, _) = await tokens.CreateAsync(request, SetupActor, cancellationToken, setup.AdminApiToken);
            if (created is not null)
            {
                logger.LogInformation("Seeded the Admin API token from configuration");
            }
        }

        if (!await users.AnyUserAsync(cancellationToken))
        {
            _setupCode = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
            logger.LogWarning("No users exist yet. Open /account/setup in the browser and enter the setup code {SetupCode} to create the first Admin.", _setupCode);
        }
    }

    public async Task<SaveResult> CompleteAsync(string code, string userName, string password, CancellationToken cancellationToken)
    {
        var expected = _setupCode;
        if (expected is null)
        {
            return SaveResult.Failed("code", "Setup is already complete. Sign in instead.");
        }

        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(code?.Trim().ToUpperInvariant() ?? ""), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            return SaveResult.Failed("code", "The setup code is wrong. It is printed in the server's log.");
        }

        var result = await users.CreateAsync(userName, password, UserRole.Admin, SetupActor, cancellationToken);
        if (result.Succeeded)
        {
            _setupCode = null;
            logger.LogInformation("First Admin {UserName} created through the setup page", userName);
        }

        return result;
    }
}
