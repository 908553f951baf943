using Dashboard.Data.Entities;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// Where <see cref="DefinitionCatalog"/> and <see cref="TokenCache"/> load from: the local store (owner), or the owner
/// over NATS request/reply (worker instances, which have no store of their own for definitions and tokens).
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
    byte[]? HmacKey, string? Schema, bool Enabled, IReadOnlyList<DefinitionCatalog.Workflow> Workflows);
