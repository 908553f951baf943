using Dashboard.Web.Features.LiveEvents;

namespace Dashboard.Tests.Streaming;

public sealed class OneRenderInFlightTests
{
    private readonly SteppedClock _clock = new();

    [Fact]
    public void Request_NothingInFlight_RendersAtOnce()
    {
        var render = new OneRenderInFlight(_clock);

        Assert.True(render.Request());
    }

    [Fact]
    public void Request_WhileARenderIsUnacknowledged_WaitsAndTheAcknowledgementRendersOnce()
    {
        var render = new OneRenderInFlight(_clock);
        Assert.True(render.Request());

        // Three batches arrive before the browser applied the first render: they share the next one.
        Assert.False(render.Request());
        Assert.False(render.Request());
        Assert.False(render.Request());

        Assert.True(render.Acknowledged());
        Assert.False(render.Request());
        Assert.True(render.Acknowledged());
        Assert.False(render.Acknowledged());
    }

    [Fact]
    public void Acknowledged_NothingWantedMeanwhile_DoesNotRenderAndTheNextRequestRendersAtOnce()
    {
        var render = new OneRenderInFlight(_clock);
        Assert.True(render.Request());

        Assert.False(render.Acknowledged());
        Assert.True(render.Request());
    }

    [Fact]
    public void Request_RenderUnacknowledgedPastTheLimit_NoLongerHoldsRendersBack()
    {
        var render = new OneRenderInFlight(_clock, TimeSpan.FromSeconds(5));
        Assert.True(render.Request());

        _clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(render.Request());

        _clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(render.Request());
    }

    /// <summary>A clock whose timestamps move only when the test says so.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
