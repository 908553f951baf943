using System.Globalization;
using Dashboard.Runtime.Workflows.Services;
using Dashboard.Testing;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>
/// A run's first end is read from its run row rather than written as an activity row (M021); the activity page, its
/// kind and time filters, the export and the workflow's log still show it as before, in order, once.
/// </summary>
public sealed class RunFinishActivityTests : RunsHostTest
{
    [Fact]
    public async Task ActivityLog_RoutedRunSucceeded_ShowsFinishFromRunRowWithoutActivityRow()
    {
        var workflowId = await Api.CreateWorkflowAsync("finish-flow", "finish", """[{"name":"note","type":"log","settings":{"message":"hi"}}]""");

        await Api.SendAsync("finish", "f-1", "{}");
        var run = await Api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));
        var runId = run["id"]!.GetValue<long>();
        var page = await Api.GetAsync($"/api/activity?workflow={workflowId}");
        var succeeded = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-succeeded");
        var runKinds = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-*");
        var failed = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-failed");
        var log = await Api.GetAsync($"/api/workflows/{workflowId}/activity");
        var csv = await Api.Client.GetStringAsync($"/api/activity/export?format=csv&workflow={workflowId}");

        var items = page["items"]!.AsArray();
        Assert.Equal(["run-succeeded", "run-started"], items.Select(a => Str(a!["kind"])));
        Assert.Equal($"run {runId} succeeded", Str(items[0]!["message"]));
        Assert.Equal("event f-1", Str(items[0]!["actor"]));
        Assert.Equal(runId, items[0]!["runId"]!.GetValue<long>());
        Assert.Equal(run["eventSeq"]!.GetValue<long>(), items[0]!["eventSeq"]!.GetValue<long>());
        Assert.Equal(run["finishedAt"]!.GetValue<DateTimeOffset>(), items[0]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(-(ActivityLogSql.FinishIdBase + runId), items[0]!["id"]!.GetValue<long>());
        Assert.Equal(2, page["total"]!.GetValue<long>());
        Assert.Equal(1, succeeded["total"]!.GetValue<long>());
        Assert.Equal($"run {runId} succeeded", Str(succeeded["items"]![0]!["message"]));
        Assert.Equal(["run-succeeded", "run-started"], runKinds["items"]!.AsArray().Select(a => Str(a!["kind"])));
        Assert.Equal(2, runKinds["total"]!.GetValue<long>());
        Assert.Equal(0, failed["total"]!.GetValue<long>());
        Assert.Equal(["run-succeeded", "run-started"], log["items"]!.AsArray().Select(a => Str(a!["kind"])));
        Assert.Equal(2, log["total"]!.GetValue<long>());
        Assert.Contains($"run {runId} succeeded", csv, StringComparison.Ordinal);
        using var store = SqliteFile.Open(Host.DatabasePath);
        Assert.Equal("0", SqliteFile.Scalar(store, $"SELECT COUNT(*) FROM activity WHERE RunId = {runId}"));
        Assert.Equal("1", SqliteFile.Scalar(store, $"SELECT COUNT(*) FROM runs WHERE Id = {runId} AND FinishMark >= StartMark"));
    }

    [Fact]
    public async Task ActivityLog_RoutedRunFailed_ShowsFinishWithErrorAfterItsStepRow()
    {
        var workflowId = await Api.CreateWorkflowAsync("fail-finish-flow", "fail-finish", """[{"name":"boom","type":"fail","settings":{"message":"no luck"}}]""");

        await Api.SendAsync("fail-finish", "ff-1", "{}");
        var run = await Api.WaitForRunAsync(workflowId, r => Is(r, "Failed"));
        var runId = run["id"]!.GetValue<long>();
        var page = await Api.GetAsync($"/api/activity?workflow={workflowId}");
        var failed = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-failed");

        var items = page["items"]!.AsArray();
        Assert.Equal(["run-failed", "step-failed", "run-started"], items.Select(a => Str(a!["kind"])));
        Assert.Equal($"run {runId} failed: {Str(run["error"])}", Str(items[0]!["message"]));
        Assert.Equal("event ff-1", Str(items[0]!["actor"]));
        Assert.Equal(run["finishedAt"]!.GetValue<DateTimeOffset>(), items[0]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(1, failed["total"]!.GetValue<long>());
        using var store = SqliteFile.Open(Host.DatabasePath);
        Assert.Equal("step-failed", SqliteFile.Scalar(store, $"SELECT group_concat(Kind) FROM activity WHERE RunId = {runId}"));
    }

    [Fact]
    public async Task ActivityLog_TimeRange_IncludesADerivedFinishOnlyInsideTheRange()
    {
        var workflowId = await Api.CreateWorkflowAsync("range-flow", "range", """[{"name":"note","type":"log","settings":{"message":"hi"}}]""");
        await Api.SendAsync("range", "r-1", "{}");
        var run = await Api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));
        var finishedAt = run["finishedAt"]!.GetValue<DateTimeOffset>();

        var inside = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-succeeded&from={Time(finishedAt)}&to={Time(finishedAt.AddMilliseconds(1))}");
        var before = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-succeeded&to={Time(finishedAt)}");
        var after = await Api.GetAsync($"/api/activity?workflow={workflowId}&kind=run-succeeded&from={Time(finishedAt.AddMilliseconds(1))}");

        Assert.Equal(1, inside["total"]!.GetValue<long>());
        Assert.Equal(run["id"]!.GetValue<long>(), inside["items"]![0]!["runId"]!.GetValue<long>());
        Assert.Equal(0, before["total"]!.GetValue<long>());
        Assert.Equal(0, after["total"]!.GetValue<long>());
    }

    private static string Time(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
}
