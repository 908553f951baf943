using Dashboard.Web.Components.Controls;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Features.Workflows;

/// <summary>The workflows list; its search is part of the address.</summary>
public sealed partial class WorkflowsPage
{
    private MudTable<WorkflowRow>? _table;
    private long _total = -1;

    [Inject] public required WorkflowQueries Queries { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }

    private bool IsEmpty => _total == 0 && string.IsNullOrEmpty(Search);

    protected override async Task OnParametersSetAsync()
    {
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task<TableData<WorkflowRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await Queries.PageAsync(Search, state.ToPageRequest(), cancellationToken);
        _total = page.Total;
        return page.ToTableData();
    }

    private void OnSearchChanged(string? search) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("q", string.IsNullOrWhiteSpace(search) ? null : search.Trim()));
}
