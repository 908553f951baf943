using Dashboard.Data.Entities;
using Dashboard.JsonSchema;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Definitions;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// An in-memory snapshot of the definitions the hot path needs (routes, types, compiled schemas, HMAC keys,
/// bound workflows), rebuilt only when a definition changes, so ingestion never queries definitions per event.
/// </summary>
public sealed class DefinitionCatalog(ICatalogSource source, DefinitionChangeNotifier changes)
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Snapshot? _snapshot;

    public sealed record Definition(
        long Id, string Key, EventSourceKind Kind, string? Route, string HttpMethod, string? TypeFilter, EventAuthMode Auth,
        byte[]? HmacKey, CompiledSchema? Schema, bool Enabled, IReadOnlyList<CatalogWorkflow> Workflows)
    {
        public EventMode Mode { get; init; }
        public CompiledSchema? ResponseSchema { get; init; }
        public int SyncTimeoutSeconds { get; init; } = 30;
        public string? ValidationErrorBody { get; init; }
        public bool IsSync => Mode == EventMode.Sync && Kind == EventSourceKind.Http;
    }

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

    private async Task<List<Definition>> LoadAsync(CancellationToken cancellationToken) =>
        (await source.LoadDefinitionsAsync(cancellationToken).ConfigureAwait(false)).Select(r => new Definition(
            r.Id, r.Key, r.Kind, r.Route, r.HttpMethod, r.TypeFilter, r.Auth, r.HmacKey, CompileOrNull(r.Schema), r.Enabled,
            r.Workflows)
        {
            Mode = r.Mode,
            ResponseSchema = CompileOrNull(r.ResponseSchema),
            SyncTimeoutSeconds = r.SyncTimeoutSeconds,
            ValidationErrorBody = r.ValidationErrorBody,
        }).ToList();

    // Schemas are compiled when saved; one that no longer compiles is treated as absent rather than blocking ingestion.
    private static CompiledSchema? CompileOrNull(string? schema) =>
        !string.IsNullOrWhiteSpace(schema) && JsonSchema.JsonSchema.TryCompile(schema, out var compiled, out _) ? compiled : null;
}
