using Dashboard.Data;
using Dashboard.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Workflows;

/// <summary>The workflows list: filtered by name or description, sorted by a column, one page at a time, in SQL.</summary>
public sealed class WorkflowQueries(IDbContextFactory<DashboardDbContext> dbFactory)
{
    public async Task<PageResult<WorkflowRow>> PageAsync(string? search, PageRequest page, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = WorkflowRow.Query(db);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim().ToLowerInvariant();
            query = query.Where(r => r.Name.ToLower().Contains(text) || r.Description.ToLower().Contains(text));
        }

        query = (page.SortBy, page.Descending) switch
        {
            ("version", false) => query.OrderBy(r => r.CurrentVersion).ThenBy(r => r.Name),
            ("version", true) => query.OrderByDescending(r => r.CurrentVersion).ThenBy(r => r.Name),
            ("events", false) => query.OrderBy(r => r.BoundEvents).ThenBy(r => r.Name),
            ("events", true) => query.OrderByDescending(r => r.BoundEvents).ThenBy(r => r.Name),
            ("name", true) => query.OrderByDescending(r => r.Name),
            _ => query.OrderBy(r => r.Name),
        };
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.Skip(page.Skip).Take(page.Take).ToListAsync(cancellationToken);
        return new(rows, total);
    }
}
