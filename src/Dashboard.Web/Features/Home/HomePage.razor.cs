using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.Catalog;
using Dashboard.Web.Features.LiveEvents;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Home;

/// <summary>The overview's counts; re-read when the live feed reports new events, at most every few seconds.</summary>
public sealed partial class HomePage : IDisposable
{
    private static readonly TimeSpan MinReload = TimeSpan.FromSeconds(3);
    private CatalogCounts? _counts;
    private LivePump? _pump;
    private long _lastLoad;
    private bool _changed;

    [Inject] public required CatalogQueries Catalog { get; init; }
    [Inject] public required LiveFeed Feed { get; init; }
    [Inject] public required IOptions<LiveFeedOptions> FeedOptions { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required ILogger<HomePage> Logger { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _counts = await Catalog.CountsAsync(CancellationToken.None);
        _lastLoad = Clock.GetTimestamp();
        if (RendererInfo.IsInteractive)
        {
            var filter = new LiveFilter { Kinds = new HashSet<LiveItemKind> { LiveItemKind.Ingestion } };
            _pump = LivePump.Start(Feed, filter, LivePace.ForPages(FeedOptions.Value), 1_000, batch => InvokeAsync(() => OnBatchAsync(batch)), Logger);
        }
    }

    private async Task OnBatchAsync(LiveBatch batch)
    {
        _changed |= batch.Items.Count > 0 || batch.Dropped > 0;
        if (!_changed || Clock.GetElapsedTime(_lastLoad) < MinReload)
        {
            return;
        }

        _changed = false;
        _lastLoad = Clock.GetTimestamp();
        _counts = await Catalog.CountsAsync(CancellationToken.None);
        StateHasChanged();
    }

    public void Dispose() => _pump?.Dispose();
}
