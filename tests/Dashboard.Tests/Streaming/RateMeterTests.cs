using Dashboard.Runtime.Streaming;
using static Dashboard.Tests.Streaming.StreamingTestData;

namespace Dashboard.Tests.Streaming;

public sealed class RateMeterTests
{
    [Fact]
    public void Rate_SteadyTraffic_AveragesLastFiveCompleteSeconds()
    {
        var meter = new RateMeter();
        for (var s = 0; s < 10; s++)
        {
            meter.Record(T0.AddSeconds(s), 100);
            meter.Record(T0.AddSeconds(s).AddMilliseconds(500), 100);
        }

        Assert.Equal(200, meter.Rate(T0.AddSeconds(10)));
    }

    [Fact]
    public void Series_AfterSilence_OldSecondsReadZero()
    {
        var meter = new RateMeter();
        meter.Record(T0, 50);

        var later = meter.Series(T0.AddSeconds(90));

        Assert.Equal(RateMeter.Seconds, later.Length);
        Assert.All(later, v => Assert.Equal(0, v));
        Assert.Equal(50, meter.Series(T0)[^1]);
    }
}
