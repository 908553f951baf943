using Dashboard.Data.Events;
using Dashboard.Runtime.Streaming;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Home;

/// <summary>Live charts of the overview (rates, latency, store queue), sampled every two seconds.</summary>
public sealed partial class OverviewCharts : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);
    private readonly OverviewState _state = new();
    private readonly CancellationTokenSource _stop = new();
    private List<OverviewPoint> _points = [];

    [Inject] public required LiveFeed Feed { get; init; }
    [Inject] public required IngestLatency Latency { get; init; }
    [Inject] public required EventStoreWriter Writer { get; init; }
    [Inject] public required TimeProvider Clock { get; init; }
    [Inject] public required ILogger<OverviewCharts> Logger { get; init; }

    protected override void OnInitialized() =>
        _state.Sample(Clock.GetUtcNow(), Feed.Counters.Snapshot(), Latency.Snapshot(), Writer.QueueLength);

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
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                _state.Sample(Clock.GetUtcNow(), Feed.Counters.Snapshot(), Latency.Snapshot(), Writer.QueueLength);
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
