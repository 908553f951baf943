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
}
