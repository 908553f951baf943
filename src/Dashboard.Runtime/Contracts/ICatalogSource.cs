using Dashboard.Data.Entities;

namespace Dashboard.Runtime.Contracts;

/// <summary>
/// Where ingestion's definition catalog and token cache load from: the local store (owner), or the owner
/// through a transport module (worker instances, which have no store of their own for definitions and tokens).
/// </summary>
public interface ICatalogSource
{
    Task<IReadOnlyList<CatalogDefinition>> LoadDefinitionsAsync(CancellationToken cancellationToken);

    /// <summary>Tokens as stored: hashes only, never the secrets.</summary>
    Task<IReadOnlyList<ApiToken>> LoadTokensAsync(CancellationToken cancellationToken);
}

/// <summary>What ingestion needs of one event definition; <see cref="Schema"/> is the JSON Schema text, compiled by the catalog.</summary>
public sealed record CatalogDefinition(
    long Id, string Key, EventSourceKind Kind, string? Route, string HttpMethod, string? TypeFilter, EventAuthMode Auth,
    byte[]? HmacKey, string? Schema, bool Enabled, IReadOnlyList<CatalogWorkflow> Workflows)
{
    public EventMode Mode { get; init; }

    /// <summary>The response schema text of a sync event, compiled by the catalog.</summary>
    public string? ResponseSchema { get; init; }
    public int SyncTimeoutSeconds { get; init; } = 30;

    /// <summary>The JSON template of the 400 body for data-schema failures.</summary>
    public string? ValidationErrorBody { get; init; }
}

/// <summary>A workflow bound to a definition, as ingestion sees it.</summary>
public sealed record CatalogWorkflow(long Id, string Name, bool Enabled, int Version)
{
    /// <summary>
    /// The steps of <see cref="Version"/> (JSON, as stored), so a run claimed in its event's commit needs no load; null
    /// when the source does not provide them (its runs are then queued and loaded as usual).
    /// </summary>
    public string? StepsJson { get; init; }
}
