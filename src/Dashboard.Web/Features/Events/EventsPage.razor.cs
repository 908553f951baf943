using Dashboard.Data;
using Dashboard.Runtime.Ingestion;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Radzen;
using Radzen.Blazor;

namespace Dashboard.Web.Features.Events;

public sealed partial class EventsPage
{
    private static readonly string[] Outcomes = [Runtime.Ingestion.Outcomes.Accepted, Runtime.Ingestion.Outcomes.Duplicate];
    private readonly SearchForm _form = new();
    private RadzenDataGrid<EventSearchRow>? _grid;
    // Null until the first load: the grid calls LoadData on its own only while Data is null.
    private IReadOnlyList<EventSearchRow>? _rows;
    private List<DefinitionOption> _definitions = [];
    private long _count;
    private bool _loading;
    private string? _error;

    [Inject] public required EventSearchQueries Queries { get; init; }
    [Inject] public required IDbContextFactory<DashboardDbContext> DbFactory { get; init; }
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

    public sealed record DefinitionOption(long Id, string Key);

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

    protected override async Task OnInitializedAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        _definitions = await db.EventDefinitions.OrderBy(d => d.Key).Select(d => new DefinitionOption(d.Id, d.Key)).ToListAsync();
    }

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
        if (_grid is not null)
        {
            await _grid.FirstPage(true);
        }
    }

    private async Task LoadAsync(LoadDataArgs args)
    {
        _loading = true;
        var filter = Filter;
        _error = !string.IsNullOrWhiteSpace(filter.Payload) && !filter.TryParsePayload(out _, out _, out var problem) ? problem : null;
        var page = await Queries.SearchAsync(filter, args.Skip ?? 0, args.Top ?? 25, CancellationToken.None);
        _rows = page.Items;
        _count = page.Total;
        _loading = false;
    }

    private Task SearchAsync()
    {
        var filter = new EventSearchFilter
        {
            From = Utc(_form.From), To = Utc(_form.To), DefinitionId = _form.DefinitionId, Type = _form.Type, Source = _form.Source,
            Subject = _form.Subject, Id = _form.Id, Outcome = _form.Outcome, Payload = _form.Payload,
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(filter.ToQuery()));
        return Task.CompletedTask;
    }

    private Task ClearAsync()
    {
        Navigation.NavigateTo("events");
        return Task.CompletedTask;
    }

    private void Open(EventSearchRow row) => Navigation.NavigateTo($"events/{row.Seq}");

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;
}
