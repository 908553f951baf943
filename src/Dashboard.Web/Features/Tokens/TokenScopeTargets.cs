using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Tokens;

/// <summary>The event definitions and workflows a token can be limited to, by id and name.</summary>
public sealed class TokenScopeTargets(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public sealed record Target(long Id, string Name);

    public async Task<(List<Target> Events, List<Target> Workflows)> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await db.EventDefinitions.OrderBy(e => e.Key).Select(e => new Target(e.Id, e.Key)).ToListAsync(cancellationToken);
        var workflows = await db.WorkflowDefinitions.OrderBy(w => w.Name).Select(w => new Target(w.Id, w.Name)).ToListAsync(cancellationToken);
        return (events, workflows);
    }

    /// <summary>An error when the scope names a definition or workflow that does not exist.</summary>
    public async Task<FieldError?> CheckAsync(TokenScopeKind kind, long? targetId, CancellationToken cancellationToken)
    {
        if (kind == TokenScopeKind.All || targetId is not { } id)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var exists = kind == TokenScopeKind.EventDefinition
            ? await db.EventDefinitions.AnyAsync(e => e.Id == id, cancellationToken)
            : await db.WorkflowDefinitions.AnyAsync(w => w.Id == id, cancellationToken);
        return exists ? null : new FieldError("scopeTargetId", $"There is no {(kind == TokenScopeKind.Workflow ? "workflow" : "event definition")} with id {id}.");
    }

    public static string Describe(TokenInfo token, List<Target> events, List<Target> workflows) => token.ScopeKind switch
    {
        TokenScopeKind.EventDefinition => "event " + (events.FirstOrDefault(t => t.Id == token.ScopeTargetId)?.Name ?? $"#{token.ScopeTargetId} (deleted)"),
        TokenScopeKind.Workflow => "workflow " + (workflows.FirstOrDefault(t => t.Id == token.ScopeTargetId)?.Name ?? $"#{token.ScopeTargetId} (deleted)"),
        _ => "all",
    };
}
