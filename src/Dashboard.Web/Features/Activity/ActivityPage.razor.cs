using Dashboard.Data;
using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.LiveEvents;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Radzen;
using Radzen.Blazor;

namespace Dashboard.Web.Features.Activity;

public sealed partial class ActivityPage : IDisposable
{
    private static readonly TimeSpan GridRefreshInterval = TimeSpan.FromSeconds(1);
    private readonly RingBuffer<LiveItem> _live = new(50);
    private readonly FilterForm _form = new();
    private RadzenDataGrid<ActivityRowView>? _grid;
    // Null until the first load: the grid calls LoadData on its own only while Data is null.
    private IReadOnlyList<ActivityRowView>? _rows;
    private List<WorkflowOption> _workflows = [];
    private long _count;
    private bool _loading;
    private int _skip;
    private long _lastGridRefresh;
    private LivePump? _pump;

    [Inject] public required ActivityQueries Queries { get; init; }
    [Inject] public required LiveFeed Feed { get; init; }
    [Inject] public required IOptions<LiveFeedOptions> FeedOptions { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required IDbContextFactory<DashboardDbContext> DbFactory { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ILogger<ActivityPage> Logger { get; init; }

    [SupplyParameterFromQuery(Name = "workflow")] public long? Workflow { get; set; }
    [SupplyParameterFromQuery(Name = "kind")] public string? Kind { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }

    public sealed record WorkflowOption(long Id, string Name);

    private sealed class FilterForm
    {
        public long? WorkflowId { get; set; }
        public string? Kind { get; set; }
        public DateTime? From { get; set; }
        public DateTime? To { get; set; }
    }

    private ActivityFilter Filter => new(Workflow, Kind, ActivityFilter.ParseTime(From), ActivityFilter.ParseTime(To));

    private string? WorkflowName => Workflow is { } id ? _workflows.Find(w => w.Id == id)?.Name ?? $"workflow {id}" : null;

    protected override async Task OnInitializedAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            StartLive();
        }

        await using var db = await DbFactory.CreateDbContextAsync();
        _workflows = await db.WorkflowDefinitions.OrderBy(w => w.Name).Select(w => new WorkflowOption(w.Id, w.Name)).ToListAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        var filter = Filter;
        _form.WorkflowId = filter.WorkflowId;
        _form.Kind = filter.Kind;
        _form.From = filter.From?.UtcDateTime;
        _form.To = filter.To?.UtcDateTime;
        if (_grid is not null)
        {
            _live.Clear();
            StartLive();
            await _grid.FirstPage(true);
        }
    }

    private void StartLive()
    {
        _pump?.Dispose();
        var filter = Filter;
        var live = new LiveFilter
        {
            Kinds = new HashSet<LiveItemKind> { LiveItemKind.Activity, LiveItemKind.Run },
            WorkflowId = filter.WorkflowId,
            Outcome = filter.Kind,
        };
        _pump = LivePump.Start(Feed, live, LivePace.ForPages(FeedOptions.Value), 1_000, batch => InvokeAsync(() => OnBatchAsync(batch)), Logger);
    }

    private async Task OnBatchAsync(LiveBatch batch)
    {
        if (batch.Items.Count == 0)
        {
            return;
        }

        _live.AddRange(batch.Items);
        // History follows live arrivals on its first page, at most once a second.
        if (_grid is not null && _skip == 0 && Clock.GetElapsedTime(_lastGridRefresh) >= GridRefreshInterval)
        {
            _lastGridRefresh = Clock.GetTimestamp();
            await _grid.Reload();
        }

        StateHasChanged();
    }

    private async Task LoadAsync(LoadDataArgs args)
    {
        _loading = true;
        _skip = args.Skip ?? 0;
        var page = await Queries.PageAsync(Filter, _skip, args.Top ?? 25, CancellationToken.None);
        _rows = page.Items;
        _count = page.Total;
        _loading = false;
    }

    private void RowRender(RowRenderEventArgs<ActivityRowView> args)
    {
        if (args.Data is { IsAuthFailure: true } && args.Attributes is { } attributes)
        {
            attributes["class"] = "activity-auth-failure";
        }
    }

    private void Apply() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(
        new ActivityFilter(_form.WorkflowId, _form.Kind, Utc(_form.From), Utc(_form.To)).ToQuery()));

    private void Clear() => Navigation.NavigateTo("activity");

    private string ExportUrl(string format)
    {
        var query = Filter.ToQuery().Where(p => p.Value is not null)
            .Select(p => $"&{p.Key}={Uri.EscapeDataString(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!)}");
        return $"api/activity/export?format={format}{string.Concat(query)}";
    }

    private string WorkflowLabel(long? id) => id is null ? "" : _workflows.Find(w => w.Id == id)?.Name ?? $"#{id}";

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null;

    public void Dispose() => _pump?.Dispose();
}
