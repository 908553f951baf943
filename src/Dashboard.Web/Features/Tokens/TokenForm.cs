using Dashboard.Data.Entities;

namespace Dashboard.Web.Features.Tokens;

/// <summary>The create-token dialog's inputs.</summary>
public sealed class TokenForm
{
    public string Name { get; set; } = "";
    public ApiTokenRole Role { get; set; } = ApiTokenRole.Ingest;
    public TokenScopeKind ScopeKind { get; set; } = TokenScopeKind.All;
    public long? ScopeTargetId { get; set; }
    public DateTime? ExpiresAt { get; set; }
}
