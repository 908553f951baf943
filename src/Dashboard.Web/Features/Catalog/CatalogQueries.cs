using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Catalog;

/// <summary>Small lookups the pages share: definition and workflow names for pickers and titles, and catalogue counts.</summary>
public sealed class CatalogQueries(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public async Task<IReadOnlyList<NamedId>> DefinitionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.EventDefinitions.OrderBy(d => d.Key).Select(d => new NamedId(d.Id, d.Key)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NamedId>> WorkflowsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WorkflowDefinitions.OrderBy(w => w.Name).Select(w => new NamedId(w.Id, w.Name)).ToListAsync(cancellationToken);
    }

    public async Task<string?> WorkflowNameAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WorkflowDefinitions.Where(w => w.Id == id).Select(w => w.Name).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<bool> HasStoredSecretAsync(long definitionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.EventDefinitions.AnyAsync(e => e.Id == definitionId && e.HmacSecretProtected != null, cancellationToken);
    }

    public async Task<CatalogCounts> CountsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM events").SingleAsync(cancellationToken);
        var rejected = await db.Database.SqlQueryRaw<long>(Home.OverviewQueries.RejectedCountSql).SingleAsync(cancellationToken);
        return new(await db.EventDefinitions.CountAsync(cancellationToken), await db.WorkflowDefinitions.CountAsync(cancellationToken), events, rejected);
    }
}

/// <summary>An id and the name it is shown by.</summary>
public sealed record NamedId(long Id, string Name);

/// <summary>What the overview's cards count.</summary>
public sealed record CatalogCounts(int EventDefinitions, int Workflows, long Events, long Rejected);
