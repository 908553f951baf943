using System.Text.Json.Nodes;
using Dashboard.Testing;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>
/// A run's first start is read from its run row rather than written as an activity row (M017); the activity page, its
/// filters and the workflow's log still show it, in order, once.
/// </summary>
public sealed class RunStartActivityTests : RunsHostTest
{
    [Fact]
    public async Task ActivityLog_OneStepRun_ShowsStartFromRunRowWithoutActivityRow()
    {
        var workflowId = await Api.CreateWorkflowAsync("start-flow", "start", """[{"name":"note","type":"log","settings":{"message":"hi"}}]""");

        await Api.SendAsync("start", "s-1", "{}");
        var run = await Api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));
        var runId = run["id"]!.GetValue<long>();
        var page = await Api.GetAsync($"/api/activity?workflow={workflowId}");
        var started = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-started");
        var runKinds = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-*");
        var log = await Api.GetAsync($"/api/workflows/{workflowId}/activity");

        var items = page["items"]!.AsArray();
        Assert.Equal(["run-succeeded", "run-started"], items.Select(a => Str(a!["kind"])));
        Assert.Equal($"run {runId} started (version 1)", Str(items[1]!["message"]));
        Assert.Equal("event s-1", Str(items[1]!["actor"]));
        Assert.Equal(runId, items[1]!["runId"]!.GetValue<long>());
        Assert.Equal(run["startedAt"]!.GetValue<DateTimeOffset>(), items[1]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(2, page["total"]!.GetValue<long>());
        Assert.Equal(1, started["total"]!.GetValue<long>());
        Assert.Equal("run-started", Str(started["items"]![0]!["kind"]));
        Assert.Equal(2, runKinds["total"]!.GetValue<long>());
        Assert.Equal(["run-succeeded", "run-started"], log["items"]!.AsArray().Select(a => Str(a!["kind"])));
        Assert.Equal(2, log["total"]!.GetValue<long>());
        using var store = SqliteFile.Open(Host.DatabasePath);
        Assert.Equal("0", SqliteFile.Scalar(store, "SELECT COUNT(*) FROM activity WHERE Kind = 'run-started'"));
    }

    [Fact]
    public async Task ActivityLog_ReplayFromFailedStep_ShowsStartAtThatStep()
    {
        var workflowId = await Api.CreateWorkflowAsync("replay-start-flow", "replay-start", """
            [
              {"name":"first","type":"log","settings":{"message":"one"}},
              {"name":"shape","type":"transform","settings":{"template":{"id":"{{ event.data.order.id }}"}}}
            ]
            """);

        await Api.SendAsync("replay-start", "p-1", "{}");
        var failed = await Api.WaitForRunAsync(workflowId, r => Is(r, "Failed"));
        await Api.PostAsync($"/api/runs/{failed["id"]}/replay", new { fromFailedStep = true, reason = "retry the step" });
        var replay = await Api.WaitForRunAsync(workflowId, r => r["id"]!.GetValue<long>() != failed["id"]!.GetValue<long>() && Is(r, "Failed"));
        var started = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-started");

        var messages = started["items"]!.AsArray().Select(a => Str(a!["message"])).ToList();
        Assert.Equal([$"run {replay["id"]} started (version 1) at step 2", $"run {failed["id"]} started (version 1)"], messages);
    }
}
