using System.Runtime.CompilerServices;
using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.Catalog;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.LiveEvents;

public sealed partial class LiveEventsPage : IDisposable
{
    private readonly LiveEventsFilter _filter = new();

    // One click handler per row for as long as the row is shown: a handler created in the markup would be a new
    // delegate on every render, and every render would re-register (and send to the browser) a handler for every row.
    private readonly ConditionalWeakTable<LiveItem, Action> _openers = [];

    // A row's item-only cells are built once, when it first shows (see LiveRowMarkup).
    private readonly ConditionalWeakTable<LiveItem, string> _cells = [];
    private LiveEventsViewState _state = new(500);
    private IReadOnlyList<NamedId> _definitions = [];
    private LivePump? _pump;
    private OneRenderInFlight _render = null!;
    private double _rate;
    private long[] _sparkline = new long[RateMeter.Seconds];

    [Inject] public required LiveFeed Feed { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required IOptions<LiveFeedOptions> Options { get; init; }
    [Inject] public required CatalogQueries Catalog { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }
    [Inject] public required ILogger<LiveEventsPage> Logger { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _state = new LiveEventsViewState(Options.Value.ViewCapacity);
        _render = new OneRenderInFlight(Clock);

        // Only the interactive render subscribes (the prerender has no circuit to push to), and before its first
        // render, so the live status it shows (Connecting until then) turns Live only once nothing published
        // afterwards can be missed.
        if (RendererInfo.IsInteractive)
        {
            Subscribe();
        }

        _definitions = await Catalog.DefinitionsAsync(CancellationToken.None);
    }

    private void Subscribe()
    {
        _pump?.Dispose();
        _pump = LivePump.Start(Feed, _filter.ToLiveFilter(), LivePace.ForPages(Options.Value), 5_000, batch => InvokeAsync(() => OnBatch(batch)), Logger);
    }

    private void OnBatch(LiveBatch batch)
    {
        var now = Clock.GetUtcNow();
        _state.Apply(batch, now);
        _rate = _state.Rate(now);
        _sparkline = _state.Sparkline(now);
        if (_render.Request())
        {
            StateHasChanged();
        }
    }

    // Runs once the browser has acknowledged a render batch: the next render, if rows arrived meanwhile.
    protected override void OnAfterRender(bool firstRender)
    {
        if (_render.Acknowledged())
        {
            StateHasChanged();
        }
    }

    private void ApplyFilter()
    {
        _state.Reset();
        Subscribe();
    }

    private void Pause() => _state.Pause();

    private void Resume() => _state.Resume();

    private MarkupString Cells(LiveItem row) => new(_cells.GetValue(row, LiveRowMarkup.Cells));

    private Action OpenRow(LiveItem row) => _openers.GetValue(row, r => () => Open(r));

    private void Open(LiveItem row)
    {
        if (row.EventSeq is { } seq)
        {
            Navigation.NavigateTo($"events/{seq}");
        }
        else if (row.LedgerId is { } ledgerId)
        {
            Navigation.NavigateTo($"rejections/{ledgerId}");
        }
    }

    private string? DefinitionKey(long? id) => id is null ? null : _definitions.FirstOrDefault(d => d.Id == id)?.Name ?? $"#{id}";

    public void Dispose() => _pump?.Dispose();
}
