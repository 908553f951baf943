using Dashboard.Data.Events;
using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.LiveEvents;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Dashboard.Web.Features.Home;

/// <summary>
/// Live charts of the overview. Driven by the live feed's batches (at least one a second): a sample every two seconds,
/// database aggregates every ten. No timer of its own.
/// </summary>
public sealed partial class OverviewCharts : IDisposable
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan QueryEvery = TimeSpan.FromSeconds(10);
    private readonly OverviewState _state = new();
    private List<ChartSeries<double>> _rates = [];
    private List<ChartSeries<double>> _latency = [];
    private List<ChartSeries<double>> _queue = [];
    private List<ChartSeries<double>> _outcomes = [];
    private string[] _labels = [];
    private string[] _outcomeLabels = [];
    private OverviewTotals _totals = new([], [], []);
    private LivePump? _pump;
    private long _lastSample;
    private long _lastQuery;

    [Inject] public required LiveFeed Feed { get; init; }
    [Inject] public required IngestLatency Latency { get; init; }
    [Inject] public required EventStoreWriter Writer { get; init; }
    [Inject] public required OverviewQueries Queries { get; init; }
    [Inject] public required IOptions<LiveFeedOptions> FeedOptions { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required ILogger<OverviewCharts> Logger { get; init; }

    protected override async Task OnInitializedAsync()
    {
        Sample();
        await QueryAsync();
        if (RendererInfo.IsInteractive)
        {
            var filter = new LiveFilter { Kinds = new HashSet<LiveItemKind> { LiveItemKind.Ingestion, LiveItemKind.Run } };
            _pump = LivePump.Start(Feed, filter, LivePace.ForPages(FeedOptions.Value), 1_000, _ => InvokeAsync(OnBatchAsync), Logger);
        }
    }

    private async Task OnBatchAsync()
    {
        if (Clock.GetElapsedTime(_lastSample) < SampleEvery)
        {
            return;
        }

        Sample();
        if (Clock.GetElapsedTime(_lastQuery) >= QueryEvery)
        {
            await QueryAsync();
        }

        StateHasChanged();
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

    private async Task QueryAsync()
    {
        _lastQuery = Clock.GetTimestamp();
        _totals = await Queries.GetAsync(Clock.GetUtcNow().AddHours(-1), CancellationToken.None);
        _outcomeLabels = _totals.RunOutcomes.Select(o => $"{Model.StateNames.Display(o.Name)} ({o.Count:N0})").ToArray();
        _outcomes = [Series("Runs", _totals.RunOutcomes.Select(o => (double)o.Count))];
    }

    private static ChartSeries<double> Series(string name, IEnumerable<double> values) => new() { Name = name, Data = values.ToArray() };

    private static string Format(double? ms) => ms is { } value ? $"≤{value:0.##}" : "–";

    public void Dispose() => _pump?.Dispose();
}
