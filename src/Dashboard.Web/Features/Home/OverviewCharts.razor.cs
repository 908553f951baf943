using Dashboard.Data.Events;
using Dashboard.Runtime.Streaming;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Home;

/// <summary>Live charts of the overview, sampled every two seconds; database aggregates every ten.</summary>
public sealed partial class OverviewCharts : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);
    private const int TicksPerQuery = 5;
    private readonly OverviewState _state = new();
    private readonly CancellationTokenSource _stop = new();
    private List<OverviewPoint> _points = [];
    private OverviewTotals _totals = new([], [], []);

    [Inject] public required LiveFeed Feed { get; init; }
    [Inject] public required IngestLatency Latency { get; init; }
    [Inject] public required EventStoreWriter Writer { get; init; }
    [Inject] public required OverviewQueries Queries { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required ILogger<OverviewCharts> Logger { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _state.Sample(Clock.GetUtcNow(), Feed.Counters.Snapshot(), Latency.Snapshot(), Writer.QueueLength);
        _totals = await Queries.GetAsync(Clock.GetUtcNow().AddHours(-1), _stop.Token);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = RunAsync(_stop.Token);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Tick, Clock);
        var ticks = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                _state.Sample(Clock.GetUtcNow(), Feed.Counters.Snapshot(), Latency.Snapshot(), Writer.QueueLength);
                if (++ticks % TicksPerQuery == 0)
                {
                    _totals = await Queries.GetAsync(Clock.GetUtcNow().AddHours(-1), cancellationToken);
                }

                _points = [.. _state.Series];
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (Exception ex)
        {
            Logger.LogWarning(ex, "The overview stopped refreshing");
        }
    }

    private static string Format(double? ms) => ms is { } value ? $"≤{value:0.##}" : "–";

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
