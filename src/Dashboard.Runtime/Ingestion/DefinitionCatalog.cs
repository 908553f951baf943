using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.JsonSchema;
using Dashboard.Runtime.Definitions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// An in-memory snapshot of the definitions the hot path needs (routes, types, compiled schemas, HMAC keys,
/// bound workflows), rebuilt only when a definition changes, so ingestion never queries definitions per event.
/// </summary>
public sealed class DefinitionCatalog(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IDataProtectionProvider dataProtection,
    DefinitionChangeNotifier changes)
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Snapshot? _snapshot;

    public sealed record Workflow(long Id, string Name, bool Enabled, int Version);

    public sealed record Definition(
        long Id, string Key, EventSourceKind Kind, string? Route, string HttpMethod, string? TypeFilter, EventAuthMode Auth,
        byte[]? HmacKey, CompiledSchema? Schema, bool Enabled, IReadOnlyList<Workflow> Workflows);

    public sealed class Snapshot(long version, IReadOnlyList<Definition> definitions)
    {
        private readonly Dictionary<string, Definition> _byRoute = definitions.Where(d => d.Route is not null)
            .ToDictionary(d => d.Route!, StringComparer.Ordinal);
        private readonly Dictionary<long, Definition> _byId = definitions.ToDictionary(d => d.Id);
        private readonly ILookup<string, Definition> _byType = definitions.Where(d => d.TypeFilter is not null)
            .OrderBy(d => d.Id).ToLookup(d => d.TypeFilter!, StringComparer.Ordinal);

        public long Version { get; } = version;
        public IReadOnlyList<Definition> All { get; } = definitions;

        public Definition? ByRoute(string route) => _byRoute.GetValueOrDefault(DefinitionRules.NormalizeRoute(route));

        public Definition? ById(long id) => _byId.GetValueOrDefault(id);

        /// <summary>The definition for a CloudEvents type; with several, the oldest enabled one wins.</summary>
        public Definition? ByType(string type) =>
            _byType[type].FirstOrDefault(d => d.Enabled) ?? _byType[type].FirstOrDefault();
    }

    public async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        var version = changes.Version;
        if (current is not null && current.Version == version)
        {
            return current;
        }

        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_snapshot is { } fresh && fresh.Version == changes.Version)
            {
                return fresh;
            }

            version = changes.Version;
            _snapshot = new Snapshot(version, await LoadAsync(cancellationToken).ConfigureAwait(false));
            return _snapshot;
        }
        finally
        {
            _reload.Release();
        }
    }

    private async Task<List<Definition>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var entities = await db.EventDefinitions.AsNoTracking()
            .Include(e => e.Bindings).ThenInclude(b => b.WorkflowDefinition)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var protector = dataProtection.CreateProtector(EventDefinitionService.HmacPurpose);
        return entities.Select(e => new Definition(
            e.Id, e.Key, e.SourceKind, e.HttpRoute, e.HttpMethod, e.TypeFilter, e.AuthMode,
            e.HmacSecretProtected is null ? null : HmacVerifier.KeyFromSecret(protector.Unprotect(e.HmacSecretProtected)),
            CompileOrNull(e.DataSchema),
            e.Enabled,
            e.Bindings.Where(b => b.WorkflowDefinition is not null)
                .Select(b => new Workflow(b.WorkflowDefinition!.Id, b.WorkflowDefinition.Name, b.WorkflowDefinition.Enabled, b.WorkflowDefinition.CurrentVersion))
                .OrderBy(w => w.Name, StringComparer.Ordinal).ToList())).ToList();
    }

    // Schemas are compiled when saved; one that no longer compiles is treated as absent rather than blocking ingestion.
    private static CompiledSchema? CompileOrNull(string? schema) =>
        !string.IsNullOrWhiteSpace(schema) && JsonSchema.JsonSchema.TryCompile(schema, out var compiled, out _) ? compiled : null;
}
