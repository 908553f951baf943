using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.LiveEvents;

namespace Dashboard.Tests.Streaming;

public sealed class LivePaceTests
{
    private static readonly LivePace Pace = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), BusyBatch: 20);

    [Fact]
    public void Next_SmallBatches_KeepTheShortestGap()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), Pace.Next(TimeSpan.FromMilliseconds(100), 0));
        Assert.Equal(TimeSpan.FromMilliseconds(100), Pace.Next(TimeSpan.FromMilliseconds(100), 20));
    }

    [Fact]
    public void Next_LargeBatches_DoubleTheGapUpToTheMaximum()
    {
        var gaps = new List<TimeSpan>();
        var gap = Pace.Min;
        for (var i = 0; i < 6; i++)
        {
            gap = Pace.Next(gap, 500);
            gaps.Add(gap);
        }

        Assert.Equal([200, 400, 800, 1000, 1000, 1000], gaps.Select(g => (int)g.TotalMilliseconds));
    }

    [Fact]
    public void Next_TrafficCalmsDown_ReturnsToTheShortestGapAtOnce()
    {
        Assert.Equal(Pace.Min, Pace.Next(TimeSpan.FromSeconds(1), 3));
    }

    [Fact]
    public void Next_SteadyTrafficThatFitsTheShortestGap_ComesBackAfterOneLongerGap()
    {
        // 150 items/s: 15 per 100 ms fit; one stall gathered 60, and the doubled gap gathers 30 of the same traffic.
        Assert.Equal(TimeSpan.FromMilliseconds(200), Pace.Next(Pace.Min, 60));
        Assert.Equal(Pace.Min, Pace.Next(TimeSpan.FromMilliseconds(200), 30));
        Assert.Equal(Pace.Min, Pace.Next(TimeSpan.FromSeconds(1), 150));
    }

    [Fact]
    public void Next_TrafficAboveTheShortestGapsShare_StaysBackedOff()
    {
        // 300 items/s: 30 per 100 ms do not fit 20, at any gap.
        Assert.Equal(TimeSpan.FromMilliseconds(400), Pace.Next(TimeSpan.FromMilliseconds(200), 60));
        Assert.Equal(TimeSpan.FromSeconds(1), Pace.Next(TimeSpan.FromSeconds(1), 300));
    }

    [Fact]
    public void Fixed_NeverChanges()
    {
        var pace = LivePace.Fixed(TimeSpan.FromMilliseconds(250));

        Assert.Equal(TimeSpan.FromMilliseconds(250), pace.Next(TimeSpan.FromMilliseconds(250), 5_000));
    }

    [Fact]
    public void ForPages_BatchesUpToTheViewCapacity_KeepTheShortestGap()
    {
        var pace = LivePace.ForPages(new LiveFeedOptions { MinRenderIntervalMilliseconds = 100, ViewCapacity = 200 });

        Assert.Equal(TimeSpan.FromMilliseconds(100), pace.Next(TimeSpan.FromMilliseconds(100), 200));
        Assert.Equal(TimeSpan.FromMilliseconds(200), pace.Next(TimeSpan.FromMilliseconds(100), 201));
    }

    [Fact]
    public void ForPages_AThousandEventsASecond_ReturnToTheShortestGapAfterABackOff()
    {
        var pace = LivePace.ForPages(new LiveFeedOptions { MinRenderIntervalMilliseconds = 100, ViewCapacity = 200 });

        // One stalled batch doubles the gap; the next gaps' batches (1,000/s) fit the view at 100 ms, so it returns.
        var gap = pace.Next(TimeSpan.FromMilliseconds(100), 250);
        Assert.Equal(TimeSpan.FromMilliseconds(200), gap);
        Assert.Equal(TimeSpan.FromMilliseconds(100), pace.Next(gap, 200));
        Assert.Equal(TimeSpan.FromMilliseconds(100), pace.Next(TimeSpan.FromSeconds(1), 1_000));
    }
}
