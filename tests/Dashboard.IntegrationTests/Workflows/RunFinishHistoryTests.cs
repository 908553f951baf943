using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Workflows.Store;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>
/// Ends that are not a run's first end, or were written before M021, through the host's run writer: each shows once,
/// and a derived first end keeps what it said when the run changes again.
/// </summary>
public sealed class RunFinishHistoryTests : RunsHostTest
{
    [Fact]
    public async Task ActivityLog_RunEndsAgainAfterFailing_ShowsBothEndsOnceAndTheFirstAsItWas()
    {
        var workflowId = await Api.CreateWorkflowAsync("again-flow", "again", """[{"name":"boom","type":"fail","settings":{"message":"first time"}}]""");
        await Api.SendAsync("again", "a-1", "{}");
        var failed = await Api.WaitForRunAsync(workflowId, r => Is(r, "Failed"));
        var runId = failed["id"]!.GetValue<long>();
        var eventSeq = failed["eventSeq"]!.GetValue<long>();
        var writer = Host.Services.GetRequiredService<RunWriter>();
        var resumedAt = failed["finishedAt"]!.GetValue<DateTimeOffset>().AddMilliseconds(5);
        var endedAt = resumedAt.AddMilliseconds(5);

        // A second executor of the same run (a worker that was presumed lost) takes it on and ends it, as RunProgress writes.
        await writer.WriteAsync([RunStatements.Progress(runId, 0, 2, "{}", RunStates.Running, null, resumedAt)], default);
        var midway = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-failed");
        await writer.WriteAsync(
        [
            RunStatements.StepResult(runId, 0, "boom", "fail", 2, StepStates.Succeeded, null, null, null, false, resumedAt, endedAt, null),
            RunStatements.Completed(runId, 1, "{}", endedAt),
            RunStatements.FinishActivity(endedAt, workflowId, ActivityKinds.RunSucceeded, $"run {runId} succeeded", "event a-1", eventSeq, runId),
        ], default);
        var page = await Api.GetAsync($"/api/activity?workflow={workflowId}");
        var ends = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-*");
        var run = await Api.RunAsync(runId);

        Assert.Equal(1, midway["total"]!.GetValue<long>());
        var items = page["items"]!.AsArray();
        Assert.Equal(["run-succeeded", "run-failed", "step-failed", "run-started"], items.Select(a => Str(a!["kind"])));
        Assert.Equal($"run {runId} succeeded", Str(items[0]!["message"]));
        Assert.Equal(endedAt.ToUnixTimeMilliseconds(), items[0]!["at"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());
        Assert.Equal($"run {runId} failed: {Str(failed["error"])}", Str(items[1]!["message"]));
        Assert.Equal(failed["finishedAt"]!.GetValue<DateTimeOffset>(), items[1]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(4, page["total"]!.GetValue<long>());
        Assert.Equal(3, ends["total"]!.GetValue<long>());
        Assert.Equal("Succeeded", Str(run["run"]!["state"]));
        using var store = SqliteFile.Open(Host.DatabasePath);
        Assert.Equal("step-failed,run-succeeded", SqliteFile.Scalar(store, $"SELECT group_concat(Kind) FROM (SELECT Kind FROM activity WHERE RunId = {runId} ORDER BY Id)"));
    }

    [Fact]
    public async Task ActivityLog_RunEndedBeforeTheMark_ShowsItsEndRowOnce()
    {
        var workflowId = await Api.CreateWorkflowAsync("legacy-flow", "legacy", """[{"name":"note","type":"log","settings":{}}]""");
        var at = DateTimeOffset.UtcNow;
        var ms = at.ToUnixTimeMilliseconds();

        // What the runtime wrote before M021 (and before M017): the run row without marks, and an activity row for its start and end.
        await Host.Services.GetRequiredService<RunWriter>().WriteAsync(
        [
            SqlStatement.Of("""
                INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, StartedAt, FinishedAt, UpdatedAt, StepIndex, Attempt, Initiator)
                VALUES (900001, $wf, 1, 900001, 'Succeeded', $at, $at, $at, $at, 1, 1, 'alice');
                """, ("$wf", workflowId), ("$at", ms)),
            RunStatements.Activity(at, workflowId, ActivityKinds.RunStarted, "run 900001 started (version 1)", "alice", 900001, 900001),
            RunStatements.Activity(at, workflowId, ActivityKinds.RunSucceeded, "run 900001 succeeded", "alice", 900001, 900001),
        ], default);
        var page = await Api.GetAsync($"/api/activity?workflow={workflowId}");
        var succeeded = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-succeeded");

        Assert.Equal(["run-succeeded", "run-started"], page["items"]!.AsArray().Select(a => Str(a!["kind"])));
        Assert.True(page["items"]!.AsArray().All(a => a!["id"]!.GetValue<long>() > 0));
        Assert.Equal(2, page["total"]!.GetValue<long>());
        Assert.Equal(1, succeeded["total"]!.GetValue<long>());
    }
}
