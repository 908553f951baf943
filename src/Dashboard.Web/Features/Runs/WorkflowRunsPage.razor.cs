using Dashboard.Web.Components.Controls;
using Dashboard.Runtime.Workflows.Services;
using Dashboard.Web.Features.Catalog;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Features.Runs;

public sealed partial class WorkflowRunsPage
{
    private readonly RunsFilterState _filter = new();
    private MudTable<RunSummary>? _table;
    private string? _name;

    [Parameter] public long Id { get; set; }

    [Inject] public required RunQueries Queries { get; init; }
    [Inject] public required CatalogQueries Catalog { get; init; }

    protected override async Task OnParametersSetAsync() => _name = await Catalog.WorkflowNameAsync(Id, CancellationToken.None);

    private async Task<TableData<RunSummary>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var request = state.ToPageRequest();
        var page = await Queries.GetRunsAsync(Id, _filter.ToFilter(request.Skip, request.Take), cancellationToken);
        return new TableData<RunSummary> { Items = page.Items, TotalItems = (int)Math.Min(int.MaxValue, page.Total) };
    }

    private Task OnStateChanged(string state)
    {
        _filter.State = state;
        return ReloadAsync();
    }

    private Task OnFromChanged(DateTime? from)
    {
        _filter.From = from;
        return ReloadAsync();
    }

    private Task OnToChanged(DateTime? to)
    {
        _filter.To = to;
        return ReloadAsync();
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private Task ClearAsync()
    {
        _filter.Clear();
        return ReloadAsync();
    }

    private static long? DurationMs(RunSummary run) =>
        run is { StartedAt: { } started, FinishedAt: { } finished } ? (long)(finished - started).TotalMilliseconds : null;
}
