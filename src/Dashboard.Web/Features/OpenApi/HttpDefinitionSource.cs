using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Definitions;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.OpenApi;

/// <summary>What the OpenAPI document needs of one enabled HTTP event definition.</summary>
public sealed record HttpDefinitionDoc(
    string Key, string Description, string Route, string HttpMethod, string? TypeFilter, string? DataSchema, EventAuthMode Auth,
    EventMode Mode, string? ResponseSchema);

/// <summary>
/// The enabled HTTP definitions, read once per definitions version (the counter every catalog compares), so the
/// document follows each change without a restart and costs no query while nothing changes.
/// </summary>
public sealed class HttpDefinitionSource(IDbContextFactory<DashboardDbContext> dbFactory, DefinitionChangeNotifier changes)
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private (long Version, IReadOnlyList<HttpDefinitionDoc> Definitions)? _cached;

    public async Task<IReadOnlyList<HttpDefinitionDoc>> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && hit.Version == changes.Version)
        {
            return hit.Definitions;
        }

        await _reload.WaitAsync(cancellationToken);
        try
        {
            var version = changes.Version;
            if (_cached is { } fresh && fresh.Version == version)
            {
                return fresh.Definitions;
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var definitions = await db.EventDefinitions.AsNoTracking()
                .Where(e => e.SourceKind == EventSourceKind.Http && e.Enabled && e.HttpRoute != null)
                .OrderBy(e => e.HttpRoute)
                .Select(e => new HttpDefinitionDoc(e.Key, e.Description, e.HttpRoute!, e.HttpMethod, e.TypeFilter, e.DataSchema, e.AuthMode, e.Mode, e.ResponseSchema))
                .ToListAsync(cancellationToken);
            _cached = (version, definitions);
            return definitions;
        }
        finally
        {
            _reload.Release();
        }
    }
}
