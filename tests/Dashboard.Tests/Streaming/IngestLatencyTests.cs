using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.Home;
using static Dashboard.Tests.Streaming.StreamingTestData;

namespace Dashboard.Tests.Streaming;

public sealed class IngestLatencyTests
{
    [Fact]
    public void Percentile_MixedLatencies_ReturnsBucketUpperBounds()
    {
        var latency = new IngestLatency();
        for (var i = 0; i < 98; i++)
        {
            latency.Record(TimeSpan.FromMilliseconds(0.8));
        }

        latency.Record(TimeSpan.FromMilliseconds(40));
        latency.Record(TimeSpan.FromMilliseconds(40));

        var snapshot = latency.Snapshot();
        Assert.Equal(1, snapshot.Percentile(0.50));
        Assert.Equal(50, snapshot.Percentile(0.99));
    }

    [Fact]
    public void Since_EarlierSnapshot_CountsOnlyTheWindow()
    {
        var latency = new IngestLatency();
        latency.Record(TimeSpan.FromSeconds(30));
        var before = latency.Snapshot();
        latency.Record(TimeSpan.FromMilliseconds(0.05));

        var window = latency.Snapshot().Since(before);

        Assert.Equal(1, window.Total);
        Assert.Equal(0.1, window.Percentile(0.99));
        Assert.Null(new IngestLatency().Snapshot().Percentile(0.5));
    }

    [Fact]
    public void Sample_TwoSnapshots_TurnsTotalsIntoRates()
    {
        var state = new OverviewState(points: 3);
        var latency = new IngestLatency();
        state.Sample(T0, new LiveCountersSnapshot(100, 0, 10, 0, 0), latency.Snapshot(), 0);
        latency.Record(TimeSpan.FromMilliseconds(2));

        state.Sample(T0.AddSeconds(2), new LiveCountersSnapshot(300, 0, 14, 0, 0), latency.Snapshot(), 7);

        var point = Assert.Single(state.Series);
        Assert.Equal(100, point.AcceptedPerSecond);
        Assert.Equal(2, point.RejectedPerSecond);
        Assert.Equal(2, point.P50);
        Assert.Equal(7, point.QueueLength);
    }
}
