namespace Dashboard.Data.Entities;

/// <summary>
/// A bearer token for the REST API and for ingestion. Only the SHA-256 hash is stored; the secret is shown once.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, safe to show so users can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>What the token may do on the REST API; <see cref="UserRole"/> names, or none for ingest-only tokens.</summary>
    public ApiTokenRole Role { get; set; } = ApiTokenRole.Ingest;
    public TokenScopeKind ScopeKind { get; set; } = TokenScopeKind.All;

    /// <summary>The event definition or workflow id the token is limited to, by <see cref="ScopeKind"/>.</summary>
    public long? ScopeTargetId { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public int FailureCount { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ApiTokenRole
{
    Ingest,
    Viewer,
    Operator,
    Admin,
}

public enum TokenScopeKind
{
    All,
    EventDefinition,
    Workflow,
}
