using Dashboard.Web.Components.Controls;
using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.Catalog;
using Dashboard.Web.Features.LiveEvents;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Web.Features.Activity;

/// <summary>
/// The activity log: one paged grid. While it shows the first page it follows the live feed: new activity re-reads
/// the page, at most once a second, so every row appears once (no separate live panel).
/// </summary>
public sealed partial class ActivityPage : IDisposable
{
    private static readonly TimeSpan GridRefreshInterval = TimeSpan.FromSeconds(1);
    private readonly FilterForm _form = new();
    private MudTable<ActivityRowView>? _table;
    private IReadOnlyList<NamedId> _workflows = [];
    private int _page;
    private long _lastGridRefresh;
    private long _dropped;
    private bool _pending;
    private LivePump? _pump;

    [Inject] public required ActivityQueries Queries { get; init; }
    [Inject] public required CatalogQueries Catalog { get; init; }
    [Inject] public required LiveFeed Feed { get; init; }
    [Inject] public required IOptions<LiveFeedOptions> FeedOptions { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ILogger<ActivityPage> Logger { get; init; }

    [SupplyParameterFromQuery(Name = "workflow")] public long? Workflow { get; set; }
    [SupplyParameterFromQuery(Name = "kind")] public string? Kind { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    private sealed class FilterForm
    {
        public long? WorkflowId { get; set; }
        public string? Kind { get; set; }
        public DateTime? From { get; set; }
        public DateTime? To { get; set; }
    }

    private ActivityFilter Filter => new(Workflow, Kind, ActivityFilter.ParseTime(From), ActivityFilter.ParseTime(To));

    private string? WorkflowName => Workflow is { } id ? _workflows.FirstOrDefault(w => w.Id == id)?.Name ?? $"workflow {id}" : null;

    protected override async Task OnInitializedAsync() => _workflows = await Catalog.WorkflowsAsync(CancellationToken.None);

    protected override async Task OnParametersSetAsync()
    {
        var filter = Filter;
        _form.WorkflowId = filter.WorkflowId;
        _form.Kind = filter.Kind;
        _form.From = filter.From?.UtcDateTime;
        _form.To = filter.To?.UtcDateTime;
        if (RendererInfo.IsInteractive)
        {
            StartLive();
        }

        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    private void StartLive()
    {
        _pump?.Dispose();
        var filter = Filter;
        var live = new LiveFilter
        {
            Kinds = new HashSet<LiveItemKind> { LiveItemKind.Activity },
            WorkflowId = filter.WorkflowId,
            Outcome = filter.Kind,
        };
        _pump = LivePump.Start(Feed, live, LivePace.ForPages(FeedOptions.Value), 1_000, batch => InvokeAsync(() => OnBatchAsync(batch)), Logger);
    }

    private async Task OnBatchAsync(LiveBatch batch)
    {
        _dropped += batch.Dropped;
        _pending |= batch.Items.Count > 0 || batch.Dropped > 0;
        if (!_pending || _table is null || _page != 0 || Clock.GetElapsedTime(_lastGridRefresh) < GridRefreshInterval)
        {
            return;
        }

        _pending = false;
        _lastGridRefresh = Clock.GetTimestamp();
        await _table.ReloadServerData();
        StateHasChanged();
    }

    private async Task<TableData<ActivityRowView>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var request = state.ToPageRequest();
        _page = request.Page;
        var page = await Queries.PageAsync(Filter, request.Skip, request.Take, cancellationToken);
        return new TableData<ActivityRowView> { Items = page.Items, TotalItems = (int)Math.Min(int.MaxValue, page.Total) };
    }

    private static string RowClass(ActivityRowView row, int index) => row.IsAuthFailure ? "activity-auth-failure" : "";

    private void Apply() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(
        new ActivityFilter(_form.WorkflowId, _form.Kind, Utc(_form.From), Utc(_form.To)).ToQuery()));

    private void Clear() => Navigation.NavigateTo("activity");

    private string ExportUrl(string format)
    {
        var query = Filter.ToQuery().Where(p => p.Value is not null)
            .Select(p => $"&{p.Key}={Uri.EscapeDataString(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!)}");
        return $"api/activity/export?format={format}{string.Concat(query)}";
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;

    public void Dispose() => _pump?.Dispose();
}
