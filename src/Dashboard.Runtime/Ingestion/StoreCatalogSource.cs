using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Definitions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Runtime.Ingestion;

/// <summary>Definitions and tokens read from this instance's own store (HMAC secrets decrypted with Data Protection).</summary>
public sealed class StoreCatalogSource(IDbContextFactory<DashboardDbContext> dbFactory, IDataProtectionProvider dataProtection) : ICatalogSource
{
    public async Task<IReadOnlyList<CatalogDefinition>> LoadDefinitionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entities = await db.EventDefinitions.AsNoTracking()
            .Include(e => e.Bindings).ThenInclude(b => b.WorkflowDefinition)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // The current version's steps of every workflow (versions are immutable), for runs claimed at ingestion.
        var steps = await db.WorkflowVersions.AsNoTracking()
            .Where(v => db.WorkflowDefinitions.Any(w => w.Id == v.WorkflowDefinitionId && w.CurrentVersion == v.Version))
            .ToDictionaryAsync(v => v.WorkflowDefinitionId, v => v.StepsJson, cancellationToken).ConfigureAwait(false);
        var protector = dataProtection.CreateProtector(EventDefinitionService.HmacPurpose);
        return entities.Select(e => new CatalogDefinition(
            e.Id, e.Key, e.SourceKind, e.HttpRoute, e.HttpMethod, e.TypeFilter, e.AuthMode,
            e.HmacSecretProtected is null ? null : HmacVerifier.KeyFromSecret(protector.Unprotect(e.HmacSecretProtected)),
            e.DataSchema,
            e.Enabled,
            e.Bindings.Where(b => b.WorkflowDefinition is not null)
                .Select(b => new CatalogWorkflow(b.WorkflowDefinition!.Id, b.WorkflowDefinition.Name, b.WorkflowDefinition.Enabled,
                    b.WorkflowDefinition.CurrentVersion) { StepsJson = steps.GetValueOrDefault(b.WorkflowDefinition.Id) })
                .OrderBy(w => w.Name, StringComparer.Ordinal).ToList())
        {
            Mode = e.Mode,
            ResponseSchema = e.ResponseSchema,
            SyncTimeoutSeconds = e.SyncTimeoutSeconds,
            ValidationErrorBody = e.ValidationErrorBody,
        }).ToList();
    }

    public async Task<IReadOnlyList<ApiToken>> LoadTokensAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.ApiTokens.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
