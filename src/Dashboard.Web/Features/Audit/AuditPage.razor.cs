using Dashboard.Data.Events;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Audit;

/// <summary>The audit log, filtered through the URL (actor, action, from, to, page) and read a page at a time from <see cref="AuditQueries"/>.</summary>
public sealed partial class AuditPage
{
    public const int PageSize = 50;
    private readonly FilterForm _form = new();
    private Page<AuditEntryView>? _page;

    [Inject] public required AuditQueries Queries { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = "actor")] public string? Actor { get; set; }
    [SupplyParameterFromQuery(Name = "action")] public string? Action { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? PageParameter { get; set; }

    private sealed class FilterForm
    {
        public string? Actor { get; set; }
        public string? Action { get; set; }
        public DateTime? From { get; set; }
        public DateTime? To { get; set; }
    }

    private AuditFilter Filter => AuditFilter.Parse(Actor, Action, From, To).Filter ?? new AuditFilter(Actor, Action);

    private int PageNumber => Math.Max(1, PageParameter ?? 1);

    private int PageCount => _page is null ? 1 : (int)Math.Max(1, (_page.Total + PageSize - 1) / PageSize);

    private string ExportUrl => Navigation.GetUriWithQueryParameters("api/audit/export", Filter.ToQuery());

    protected override async Task OnParametersSetAsync()
    {
        var filter = Filter;
        _form.Actor = filter.Actor;
        _form.Action = filter.Action;
        _form.From = filter.From?.UtcDateTime;
        _form.To = filter.To?.UtcDateTime;
        _page = await Queries.PageAsync(filter, new PageRequest(PageNumber, PageSize), CancellationToken.None);
    }

    private void Apply()
    {
        var filter = new AuditFilter(_form.Actor, _form.Action, Utc(_form.From), Utc(_form.To));
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("audit", WithPage(filter.ToQuery(), null)));
    }

    private void Clear() => Navigation.NavigateTo("audit");

    private void GoToPage(int page) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("audit", WithPage(Filter.ToQuery(), page)));

    private string FilterUrl(string? actor = null, string? action = null) =>
        Navigation.GetUriWithQueryParameters("audit", WithPage((Filter with { Actor = actor ?? Filter.Actor, Action = action ?? Filter.Action }).ToQuery(), null));

    private static Dictionary<string, object?> WithPage(IReadOnlyDictionary<string, object?> query, int? page) =>
        new(query) { ["page"] = page is > 1 ? page : null };

    private static DateTimeOffset? Utc(DateTime? local) => local is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;
}
