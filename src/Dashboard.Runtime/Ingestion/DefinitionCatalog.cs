using Dashboard.Data.Entities;
using Dashboard.Data.Events;
using Dashboard.JsonSchema;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Definitions;
using Microsoft.Extensions.Logging;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// An in-memory snapshot of the definitions the hot path needs (routes, types, compiled schemas, HMAC keys,
/// bound workflows), rebuilt only when a definition changes, so ingestion never queries definitions per event.
/// When a reload finds its source unavailable (a worker whose owner does not answer) and a catalog was loaded before,
/// that catalog goes on serving and the reload is tried again after <see cref="CatalogRetry.Interval"/>: events keep
/// being accepted into the durable ingest stream while the owner is down.
/// </summary>
public sealed partial class DefinitionCatalog(ICatalogSource source, DefinitionChangeNotifier changes, TimeProvider clock, ILogger<DefinitionCatalog> logger)
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private readonly CatalogRetry _retry = new(clock);
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

        /// <summary>The bound workflow at <paramref name="version"/> with its steps, or null (a plain loop: ingestion calls it per run).</summary>
        public CatalogWorkflow? WorkflowWithSteps(long workflowId, int version)
        {
            foreach (var workflow in Workflows)
            {
                if (workflow.Id == workflowId)
                {
                    return workflow.Version == version && workflow.StepsJson is not null ? workflow : null;
                }
            }

            return null;
        }
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
        if (current is not null && (current.Version == version || _retry.Waiting))
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

            if (_snapshot is { } kept && _retry.Waiting)
            {
                return kept;
            }

            version = changes.Version;
            try
            {
                _snapshot = new Snapshot(version, await LoadAsync(cancellationToken).ConfigureAwait(false));
                _retry.Succeeded();
                return _snapshot;
            }
            catch (EventStoreUnavailableException ex) when (_snapshot is { } last)
            {
                _retry.Failed();
                LogServingLast(logger, ex.Message);
                return last;
            }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the event definitions failed ({Reason}); the last loaded catalog goes on serving")]
    private static partial void LogServingLast(ILogger logger, string reason);

    // Schemas are compiled when saved; one that no longer compiles is treated as absent rather than blocking ingestion.
    private static CompiledSchema? CompileOrNull(string? schema) =>
        !string.IsNullOrWhiteSpace(schema) && JsonSchema.JsonSchema.TryCompile(schema, out var compiled, out _) ? compiled : null;
}
