using Dashboard.Runtime.Workflows.Services;
using Dashboard.Web.Features.Runs;

namespace Dashboard.Tests.Runs;

public sealed class RunDetailStateTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static RunSummary Run(string state, DateTimeOffset? next = null) => new(
        1, 2, "wf", 1, 3, state, 1, 2, T0, T0, null, next, null, null, null, null, null, false);

    private static StepResultView Step(string name, string type, string state, int startMs, long durationMs, int attempt = 1) => new(
        startMs, 0, name, type, attempt, state, "{}", "{}", state == "Failed" ? "boom" : null, state == "Failed",
        T0.AddMilliseconds(startMs), T0.AddMilliseconds(startMs + durationMs), durationMs, null);

    private static RunDetailState Load(RunSummary run, params StepResultView[] steps) => Load(run, [], steps);

    private static RunDetailState Load(RunSummary run, IReadOnlyList<ReplayLink> replays, params StepResultView[] steps)
    {
        var state = new RunDetailState();
        state.Load(new RunDetail(run, steps, null, [], null, replays));
        return state;
    }

    private static ReplayLink Replay(long id, string state) => new(id, 1, state, 1, T0, null, "admin", "why");

    [Fact]
    public void BlockingReplay_FailedReplaysOnly_IsNull()
    {
        var state = Load(Run("DeadLettered"), [Replay(5, "Failed"), Replay(6, "Cancelled")]);

        Assert.Null(state.BlockingReplay);
    }

    [Fact]
    public void BlockingReplay_SucceededThenFailedReplay_IsTheSucceededOne()
    {
        var state = Load(Run("DeadLettered"), [Replay(5, "Succeeded"), Replay(6, "Failed")]);

        Assert.Equal(5, state.BlockingReplay?.RunId);
    }

    [Theory]
    [InlineData("Queued", true)]
    [InlineData("Running", true)]
    [InlineData("Succeeded", false)]
    [InlineData("DeadLettered", false)]
    public void IsActive_ByState(string runState, bool active)
    {
        var state = Load(Run(runState));

        Assert.Equal(active, state.IsActive);
        Assert.Equal(active, state.CanCancel);
        Assert.Equal(!active, state.CanReplay);
    }

    [Theory]
    [InlineData("Succeeded", false)]
    [InlineData("Failed", true)]
    [InlineData("DeadLettered", true)]
    [InlineData("Cancelled", true)]
    public void CanReplayFromFailedStep_OnlyForUnsuccessfulFinishedRuns(string runState, bool expected) =>
        Assert.Equal(expected, Load(Run(runState)).CanReplayFromFailedStep);

    [Fact]
    public void WaitingFor_QueuedAfterFailedAttempt_RetryCountdown()
    {
        var state = Load(Run("Queued", T0.AddSeconds(30)), Step("call", "http", "Failed", 0, 100, attempt: 2));

        Assert.Equal("Retry of step 'call' (attempt 3)", state.WaitingFor(T0.AddSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(25), state.Remaining(T0.AddSeconds(5)));
        Assert.Null(state.Remaining(T0.AddSeconds(31)));
    }

    [Fact]
    public void WaitingFor_QueuedAfterDelayStep_DelayEnds()
    {
        var state = Load(Run("Queued", T0.AddMinutes(5)), Step("wait", "delay", "Succeeded", 0, 2));

        Assert.Equal("Delay 'wait' ends", state.WaitingFor(T0));
    }

    [Fact]
    public void WaitingFor_RunningRun_Null() =>
        Assert.Null(Load(Run("Running", T0.AddSeconds(30))).WaitingFor(T0));

    [Theory]
    [InlineData(0.2, "00:01")]
    [InlineData(59, "00:59")]
    [InlineData(61, "01:01")]
    [InlineData(3725, "1:02:05")]
    public void FormatCountdown_RoundsUpToSeconds(double seconds, string expected) =>
        Assert.Equal(expected, RunDetailState.FormatCountdown(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(null, "—")]
    [InlineData(12L, "12 ms")]
    [InlineData(1500L, "1.5 s")]
    [InlineData(125_000L, "2 min 5 s")]
    public void FormatDuration_PicksUnit(long? milliseconds, string expected) =>
        Assert.Equal(expected, RunDetailState.FormatDuration(milliseconds));

    [Fact]
    public void Timeline_StepsOnOneAxis()
    {
        var state = Load(Run("Succeeded"), Step("a", "log", "Succeeded", 0, 250), Step("b", "http", "Succeeded", 250, 750));

        Assert.Equal([0.0, 25.0], state.Timeline.Select(t => t.OffsetPercent));
        Assert.Equal([25.0, 75.0], state.Timeline.Select(t => t.WidthPercent));
        Assert.Equal(["250 ms", "750 ms"], state.Timeline.Select(t => t.Duration));
    }
}
