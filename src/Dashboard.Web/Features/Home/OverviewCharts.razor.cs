using Dashboard.Data.Events;
using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.LiveEvents;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Web.Features.Home;

/// <summary>
/// Live charts of the overview. Driven by the live feed's batches (at least one a second): a sample every two seconds.
/// No timer of its own; the ranged numbers are in <see cref="OverviewTrends"/>.
/// </summary>
public sealed partial class OverviewCharts : IDisposable
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(2);
    private readonly OverviewState _state = new();
    private List<ChartSeries<double>> _rates = [];
    private List<ChartSeries<double>> _latency = [];
    private List<ChartSeries<double>> _queue = [];
    private string[] _labels = [];
    private LivePump? _pump;
    private long _lastSample;

    [Inject] public required LiveFeed Feed { get; init; }
    [Inject] public required IngestLatency Latency { get; init; }
    [Inject] public required EventStoreWriter Writer { get; init; }
    [Inject] public required IOptions<LiveFeedOptions> FeedOptions { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required ILogger<OverviewCharts> Logger { get; init; }

    protected override void OnInitialized()
    {
        Sample();
        if (RendererInfo.IsInteractive)
        {
            var filter = new LiveFilter { Kinds = new HashSet<LiveItemKind> { LiveItemKind.Ingestion, LiveItemKind.Run } };
            _pump = LivePump.Start(Feed, filter, LivePace.ForPages(FeedOptions.Value), 1_000, _ => InvokeAsync(OnBatchAsync), Logger);
        }
    }

    private Task OnBatchAsync()
    {
        if (Clock.GetElapsedTime(_lastSample) >= SampleEvery)
        {
            Sample();
            StateHasChanged();
        }

        return Task.CompletedTask;
    }

    private void Sample()
    {
        _lastSample = Clock.GetTimestamp();
        _state.Sample(Clock.GetUtcNow(), Feed.Counters.Snapshot(), Latency.Snapshot(), Writer.QueueLength);
        var points = _state.Series.ToList();
        _labels = OverviewSeries.Labels(points);
        _rates = [Series("Accepted", points.Select(p => p.AcceptedPerSecond)), Series("Rejected", points.Select(p => p.RejectedPerSecond))];
        _latency = [Series("p50", points.Select(p => p.P50Value)), Series("p99", points.Select(p => p.P99Value))];
        _queue = [Series("Queued writes", points.Select(p => (double)p.QueueLength))];
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) => new() { Name = name, Data = values.ToArray() };

    private static string Format(double? ms) => ms is { } value ? $"≤{value:0.##}" : "–";

    public void Dispose() => _pump?.Dispose();
}
