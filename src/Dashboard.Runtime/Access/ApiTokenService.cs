using System.Security.Cryptography;
using System.Text;
using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Runtime.Access;

/// <summary>API and ingestion tokens. The secret is returned once at creation; only its SHA-256 hash is stored.</summary>
public sealed class ApiTokenService(IDbContextFactory<DashboardDbContext> dbFactory, TimeProvider clock)
{
    public const string SecretPrefix = "edt_";

    public event Action? Changed;

    public sealed record CreatedToken(ApiToken Token, string Secret);

    public sealed record TokenRequest(string Name, ApiTokenRole Role, TokenScopeKind ScopeKind, long? ScopeTargetId, DateTimeOffset? ExpiresAt);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string NewSecret() => SecretPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AsNoTracking().OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
    }

    public async Task<(CreatedToken? Created, IReadOnlyList<FieldError> Errors)> CreateAsync(
        TokenRequest request, Actor actor, CancellationToken cancellationToken, string? secret = null)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors.Add(new("name", "A name of 1 to 100 characters is required."));
        }

        if (request.ScopeKind != TokenScopeKind.All && request.ScopeTargetId is null)
        {
            errors.Add(new("scopeTargetId", "Choose the definition or workflow the token is limited to."));
        }

        if (request.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
        {
            errors.Add(new("expiresAt", "The expiry must be in the future."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        secret ??= NewSecret();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = Hash(secret);
        if (await db.ApiTokens.AnyAsync(t => t.TokenHash == hash, cancellationToken))
        {
            return (null, [new FieldError("secret", "This token already exists.")]);
        }

        var token = new ApiToken
        {
            Name = request.Name.Trim(),
            TokenHash = hash,
            Prefix = secret[..Math.Min(secret.Length, 10)],
            Role = request.Role,
            ScopeKind = request.ScopeKind,
            ScopeTargetId = request.ScopeKind == TokenScopeKind.All ? null : request.ScopeTargetId,
            ExpiresAt = request.ExpiresAt,
            CreatedBy = actor.Name,
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiTokens.Add(token);
        AuditLog.Add(db, actor, "token.create", token.Name, $"role {token.Role}, scope {token.ScopeKind} {token.ScopeTargetId}");
        await db.SaveChangesAsync(cancellationToken);
        Changed?.Invoke();
        return (new CreatedToken(token, secret), []);
    }

    /// <summary>Finds the active token for a secret (not revoked, not expired) and records its use.</summary>
    public async Task<ApiToken?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = Hash(secret);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = clock.GetUtcNow();
        if (token is null)
        {
            return null;
        }

        if (token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            token.FailureCount++;
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        token.LastUsedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    public async Task<bool> RevokeAsync(long id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null || token.RevokedAt is not null)
        {
            return false;
        }

        token.RevokedAt = clock.GetUtcNow();
        AuditLog.Add(db, actor, "token.revoke", token.Name);
        await db.SaveChangesAsync(cancellationToken);
        Changed?.Invoke();
        return true;
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
