using Dashboard.Data.Entities;

namespace Dashboard.Web.Features.Tokens;

/// <summary>A token as lists and the API show it: never the secret or its hash.</summary>
public sealed record TokenInfo(
    long Id,
    string Name,
    string Prefix,
    ApiTokenRole Role,
    TokenScopeKind ScopeKind,
    long? ScopeTargetId,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    int FailureCount,
    string? CreatedBy,
    DateTimeOffset CreatedAt)
{
    public bool IsRevoked => RevokedAt is not null;

    public static TokenInfo From(ApiToken token) => new(
        token.Id, token.Name, token.Prefix, token.Role, token.ScopeKind, token.ScopeTargetId, token.ExpiresAt,
        token.RevokedAt, token.LastUsedAt, token.FailureCount, token.CreatedBy, token.CreatedAt);
}

/// <summary>The answer to a create: the token and its secret, which is shown this once and never again.</summary>
public sealed record CreatedTokenInfo(TokenInfo Token, string Secret);

/// <summary>The body of <c>POST /api/tokens</c>.</summary>
public sealed record CreateTokenRequest(string? Name, ApiTokenRole Role, TokenScopeKind ScopeKind, long? ScopeTargetId, DateTimeOffset? ExpiresAt);
