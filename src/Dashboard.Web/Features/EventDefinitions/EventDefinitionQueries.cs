using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.EventDefinitions;

/// <summary>The event definitions list: filtered by text and source, sorted by a column, one page at a time, in SQL.</summary>
public sealed class EventDefinitionQueries(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public async Task<PageResult<EventDefinitionRow>> PageAsync(string? search, EventSourceKind? source, PageRequest page, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = EventDefinitionRow.Query(db);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim().ToLowerInvariant();
            query = query.Where(r => r.Key.ToLower().Contains(text) || (r.TypeFilter != null && r.TypeFilter.ToLower().Contains(text))
                || (r.HttpRoute != null && r.HttpRoute.ToLower().Contains(text)) || (r.NatsSubject != null && r.NatsSubject.ToLower().Contains(text)));
        }

        if (source is { } kind)
        {
            query = query.Where(r => r.SourceKind == kind);
        }

        query = (page.SortBy, page.Descending) switch
        {
            ("source", false) => query.OrderBy(r => r.SourceKind).ThenBy(r => r.Key),
            ("source", true) => query.OrderByDescending(r => r.SourceKind).ThenBy(r => r.Key),
            ("workflows", false) => query.OrderBy(r => r.BoundWorkflows).ThenBy(r => r.Key),
            ("workflows", true) => query.OrderByDescending(r => r.BoundWorkflows).ThenBy(r => r.Key),
            ("key", true) => query.OrderByDescending(r => r.Key),
            _ => query.OrderBy(r => r.Key),
        };
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.Skip(page.Skip).Take(page.Take).ToListAsync(cancellationToken);
        return new(rows, total);
    }
}
