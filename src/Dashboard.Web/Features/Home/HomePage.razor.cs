using System.Globalization;
using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.LiveEvents;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Home;

/// <summary>
/// The overview for the range in the URL (<c>?range=15m|1h|6h|24h|7d</c>), read from <see cref="OverviewQueries"/>;
/// re-read when the live feed reports new events or runs, at most every few seconds.
/// </summary>
public sealed partial class HomePage : IDisposable
{
    private static readonly TimeSpan MinReload = TimeSpan.FromSeconds(3);
    private readonly CancellationTokenSource _stop = new();
    private OverviewReport? _report;
    private LivePump? _pump;
    private long _lastLoad;
    private bool _changed;

    [Inject] public required OverviewQueries Queries { get; init; }
    [Inject] public required LiveFeed Feed { get; init; }
    [Inject] public required IOptions<LiveFeedOptions> FeedOptions { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required ILogger<HomePage> Logger { get; init; }

    [SupplyParameterFromQuery(Name = "range")] public string? RangeKey { get; set; }

    private OverviewRange Range => OverviewRange.Parse(RangeKey) ?? OverviewRange.Default;

    private string RejectedHref => _report is null ? "activity" : string.Create(CultureInfo.InvariantCulture,
        $"activity?kind=rejected*&from={_report.Start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}&to={_report.End.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");

    protected override async Task OnParametersSetAsync()
    {
        _report = await Queries.GetAsync(Range, _stop.Token);
        _lastLoad = Clock.GetTimestamp();
        if (RendererInfo.IsInteractive && _pump is null)
        {
            var filter = new LiveFilter { Kinds = new HashSet<LiveItemKind> { LiveItemKind.Ingestion, LiveItemKind.Run } };
            _pump = LivePump.Start(Feed, filter, LivePace.ForPages(FeedOptions.Value), 1_000, batch => InvokeAsync(() => OnBatchAsync(batch)), Logger);
        }
    }

    private async Task OnBatchAsync(LiveBatch batch)
    {
        _changed |= batch.Items.Count > 0 || batch.Dropped > 0;
        if (!_changed || Clock.GetElapsedTime(_lastLoad) < MinReload || _stop.IsCancellationRequested)
        {
            return;
        }

        _changed = false;
        _lastLoad = Clock.GetTimestamp();
        _report = await Queries.GetAsync(Range, _stop.Token);
        StateHasChanged();
    }

    public void Dispose()
    {
        _pump?.Dispose();
        _stop.Cancel();
        _stop.Dispose();
    }
}
