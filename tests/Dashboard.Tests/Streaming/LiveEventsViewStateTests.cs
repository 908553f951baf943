using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.LiveEvents;
using static Dashboard.Tests.Streaming.StreamingTestData;

namespace Dashboard.Tests.Streaming;

public sealed class LiveEventsViewStateTests
{
    [Fact]
    public void Apply_MoreThanCapacity_KeepsNewestAndReportsDropped()
    {
        var state = new LiveEventsViewState(10);

        state.Apply(Batch(1, 25), T0);

        Assert.Equal(10, state.RowCount);
        Assert.Equal(25, state.Rows.First().EventSeq);
        Assert.Equal(15, state.DroppedFromView);
        Assert.Equal(25, state.Arrived);
    }

    [Fact]
    public void Pause_WhileEventsArrive_RowsStayAndArrivalsAreCounted()
    {
        var state = new LiveEventsViewState(100);
        state.Apply(Batch(1, 3), T0);
        state.Pause();

        state.Apply(Batch(4, 5), T0);
        state.Apply(Batch(9, 2), T0);

        Assert.True(state.Paused);
        Assert.Equal(3, state.RowCount);
        Assert.Equal(7, state.ArrivedWhilePaused);
        Assert.Equal(10, state.Arrived);
    }

    [Fact]
    public void Resume_AfterPause_ShowsBacklogAndItsCount()
    {
        var state = new LiveEventsViewState(100);
        state.Pause();
        state.Apply(Batch(1, 4), T0);

        state.Resume();

        Assert.False(state.Paused);
        Assert.Equal(4, state.LastBacklog);
        Assert.Equal(4, state.RowCount);
        Assert.Equal(4, state.Rows.First().EventSeq);
        Assert.Equal(0, state.ArrivedWhilePaused);
    }

    [Fact]
    public void Resume_BacklogOverflowed_CountsOverflowAsDropped()
    {
        var state = new LiveEventsViewState(5);
        state.Pause();
        state.Apply(Batch(1, 8), T0);

        state.Resume();

        Assert.Equal(8, state.LastBacklog);
        Assert.Equal(5, state.RowCount);
        Assert.Equal(3, state.DroppedFromView);
    }

    [Fact]
    public void Apply_ServerDropped_AddsUp()
    {
        var state = new LiveEventsViewState(5);
        state.Apply(Batch(1, 1, dropped: 40), T0);
        state.Apply(Batch(2, 1, dropped: 2), T0);

        Assert.Equal(42, state.DroppedByServer);
    }

    [Fact]
    public void Rate_BatchesOverSeconds_FeedsMeterAndSparkline()
    {
        var state = new LiveEventsViewState(5);
        for (var s = 0; s < 6; s++)
        {
            state.Apply(Batch(1, 10), T0.AddSeconds(s));
        }

        Assert.Equal(10, state.Rate(T0.AddSeconds(6)));
        Assert.Equal(10, state.Sparkline(T0.AddSeconds(6))[^2]);
    }

    [Fact]
    public void Reset_AfterFilterChange_ClearsEverything()
    {
        var state = new LiveEventsViewState(2);
        state.Apply(Batch(1, 5, dropped: 1), T0);
        state.Reset();

        Assert.Equal(0, state.RowCount);
        Assert.Equal(0, state.DroppedFromView);
        Assert.Equal(0, state.Arrived);
        Assert.Equal(0, state.DroppedByServer);
    }

    [Fact]
    public void Apply_SyncAnswerForShownRow_UpdatesItsStatusWithoutANewRow()
    {
        var state = new LiveEventsViewState(100);
        state.Apply(new LiveBatch([Event(1) with { LedgerId = 11 }, Event(2) with { LedgerId = 12 }], 0), T0);

        var changed = state.Apply(new LiveBatch([new LiveItem
        {
            Kind = LiveItemKind.Ingestion, At = T0, Outcome = "Accepted", Status = 201, LedgerId = 11, EventSeq = 1, SyncAnswer = true,
        }], 0), T0);

        Assert.True(changed);
        Assert.Equal(2, state.RowCount);
        Assert.Equal(2, state.Arrived);
        Assert.Equal([202, 201], state.Rows.Select(r => r.Status));
        Assert.Equal("com.example.order", state.Rows.Last().Type);
    }

    [Fact]
    public void Apply_SyncAnswerForRowNoLongerShown_AddsItAsARow()
    {
        var state = new LiveEventsViewState(100);

        state.Apply(new LiveBatch([new LiveItem { Kind = LiveItemKind.Ingestion, At = T0, Outcome = "Accepted", Status = 504, LedgerId = 99, SyncAnswer = true }], 0), T0);

        Assert.Equal(504, Assert.Single(state.Rows).Status);
    }
}
