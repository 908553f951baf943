using Dashboard.Data;
using Dashboard.Runtime.Workflows.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Radzen;
using Radzen.Blazor;

namespace Dashboard.Web.Features.Runs;

public sealed partial class WorkflowRunsPage
{
    private readonly RunsFilterState _filter = new();
    private RadzenDataGrid<RunSummary>? _grid;
    private IReadOnlyList<RunSummary>? _rows;
    private int _total;
    private bool _loading;
    private string? _name;

    [Parameter] public long Id { get; set; }

    [Inject] public required RunQueries Queries { get; init; }
    [Inject] public required IDbContextFactory<DashboardDbContext> DbFactory { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        _name = await db.WorkflowDefinitions.Where(w => w.Id == Id).Select(w => w.Name).FirstOrDefaultAsync();
    }

    private async Task LoadAsync(LoadDataArgs args)
    {
        _loading = true;
        var page = await Queries.GetRunsAsync(Id, _filter.ToFilter(args.Skip ?? 0, args.Top ?? 25), CancellationToken.None);
        _rows = page.Items;
        _total = (int)Math.Min(int.MaxValue, page.Total);
        _loading = false;
    }

    private async Task ReloadAsync()
    {
        if (_grid is not null)
        {
            await _grid.FirstPage(forceReload: true);
        }
    }

    private Task ClearAsync()
    {
        _filter.Clear();
        return ReloadAsync();
    }

    private static long? DurationMs(RunSummary run) =>
        run is { StartedAt: { } started, FinishedAt: { } finished } ? (long)(finished - started).TotalMilliseconds : null;
}
