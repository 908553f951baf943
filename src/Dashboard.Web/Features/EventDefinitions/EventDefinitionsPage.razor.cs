using Dashboard.Web.Components.Controls;
using Dashboard.Data.Entities;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Features.EventDefinitions;

/// <summary>The event definitions list; its search and source filter are part of the address.</summary>
public sealed partial class EventDefinitionsPage
{
    private MudTable<EventDefinitionRow>? _table;
    private long _total = -1;

    [Inject] public required EventDefinitionQueries Queries { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }
    [SupplyParameterFromQuery(Name = "source")] public string? SourceText { get; set; }

    private EventSourceKind? Source => Enum.TryParse<EventSourceKind>(SourceText, ignoreCase: true, out var kind) ? kind : null;

    private bool IsEmpty => _total == 0 && string.IsNullOrEmpty(Search) && Source is null;

    protected override async Task OnParametersSetAsync()
    {
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task<TableData<EventDefinitionRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await Queries.PageAsync(Search, Source, state.ToPageRequest(), cancellationToken);
        _total = page.Total;
        return page.ToTableData();
    }

    private void OnSearchChanged(string? search) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("q", string.IsNullOrWhiteSpace(search) ? null : search.Trim()));

    private void OnSourceChanged(EventSourceKind? source) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("source", source?.ToString()));
}
