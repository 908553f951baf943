using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Catalog;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Web.Features.Events;

public sealed partial class EventsPage
{
    private const string PayloadHelp = "Syntax: $.path = value, e.g. $.orderId = \"A-1\" or $.qty = 2";
    private static readonly string[] Outcomes = [Runtime.Ingestion.Outcomes.Accepted, Runtime.Ingestion.Outcomes.Duplicate];
    private readonly SearchForm _form = new();
    private MudTable<EventSearchRow>? _table;
    private IReadOnlyList<NamedId> _definitions = [];
    private string? _error;

    [Inject] public required EventSearchQueries Queries { get; init; }
    [Inject] public required CatalogQueries Catalog { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "definition")] public long? Definition { get; set; }
    [SupplyParameterFromQuery(Name = "type")] public string? Type { get; set; }
    [SupplyParameterFromQuery(Name = "source")] public string? Source { get; set; }
    [SupplyParameterFromQuery(Name = "subject")] public string? Subject { get; set; }
    [SupplyParameterFromQuery(Name = "id")] public string? Id { get; set; }
    [SupplyParameterFromQuery(Name = "outcome")] public string? Outcome { get; set; }
    [SupplyParameterFromQuery(Name = "payload")] public string? Payload { get; set; }

    private sealed class SearchForm
    {
        public DateTime? From { get; set; }
        public DateTime? To { get; set; }
        public long? DefinitionId { get; set; }
        public string? Type { get; set; }
        public string? Source { get; set; }
        public string? Subject { get; set; }
        public string? Id { get; set; }
        public string? Outcome { get; set; }
        public string? Payload { get; set; }
    }

    private EventSearchFilter Filter => new()
    {
        From = EventSearchFilter.ParseTime(From), To = EventSearchFilter.ParseTime(To), DefinitionId = Definition,
        Type = Type, Source = Source, Subject = Subject, Id = Id, Outcome = Outcome, Payload = Payload,
    };

    protected override async Task OnInitializedAsync() => _definitions = await Catalog.DefinitionsAsync(CancellationToken.None);

    protected override async Task OnParametersSetAsync()
    {
        var filter = Filter;
        _form.From = filter.From?.UtcDateTime;
        _form.To = filter.To?.UtcDateTime;
        _form.DefinitionId = Definition;
        _form.Type = Type;
        _form.Source = Source;
        _form.Subject = Subject;
        _form.Id = Id;
        _form.Outcome = Outcome;
        _form.Payload = Payload;

        // Checked here, not in the grid's callback: the grid re-renders only itself, and the page must show the problem.
        _error = !string.IsNullOrWhiteSpace(filter.Payload) && !filter.TryParsePayload(out _, out _, out var problem) ? problem : null;
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private async Task<TableData<EventSearchRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var filter = Filter;
        if (_error is not null)
        {
            // A payload filter that cannot be read matches nothing: never list every event as if it matched.
            return new TableData<EventSearchRow> { Items = [], TotalItems = 0 };
        }

        var request = state.ToPageRequest();
        var page = await Queries.SearchAsync(filter, request.Skip, request.Take, cancellationToken);
        return new TableData<EventSearchRow> { Items = page.Items, TotalItems = (int)Math.Min(int.MaxValue, page.Total) };
    }

    private void Search()
    {
        var filter = new EventSearchFilter
        {
            From = Utc(_form.From), To = Utc(_form.To), DefinitionId = _form.DefinitionId, Type = _form.Type, Source = _form.Source,
            Subject = _form.Subject, Id = _form.Id, Outcome = _form.Outcome, Payload = _form.Payload,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(filter.ToQuery()));
    }

    private void Clear() => Navigation.NavigateTo("events");

    private void Open(EventSearchRow? row)
    {
        if (row is not null)
        {
            Navigation.NavigateTo($"events/{row.Seq}");
        }
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;
}
