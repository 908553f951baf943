using Dashboard.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Radzen;

namespace Dashboard.Web.Features.EventDefinitions;

public sealed partial class EventDefinitionsPage
{
    // Null until the first load: the grid calls LoadData on its own only while Data is null.
    private List<EventDefinitionRow>? _rows;
    private int _total = -1;
    private bool _loading = true;
    private bool _filtered;

    [Inject] public required IDbContextFactory<DashboardDbContext> DbFactory { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    private async Task LoadAsync(LoadDataArgs args)
    {
        _loading = true;
        await using var db = await DbFactory.CreateDbContextAsync();
        var query = EventDefinitionRow.Query(db);
        _filtered = args.Filters is { } filters && filters.Any();
        if (args.Filters is { } active && _filtered)
        {
            query = query.Where(active, LogicalFilterOperator.And, FilterCaseSensitivity.CaseInsensitive);
        }

        query = string.IsNullOrEmpty(args.OrderBy) ? query.OrderBy(r => r.Key) : query.OrderBy(args.OrderBy);
        _total = await query.CountAsync();
        _rows = await query.Skip(args.Skip ?? 0).Take(args.Top ?? 25).ToListAsync();
        _loading = false;
    }
}
