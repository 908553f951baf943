using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Testing;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>
/// The operator's failure loop on the real host: a dead letter is replayed (on the original or the fixed current version),
/// leaves the open list, links to its replay and its outcome, and is not replayed twice by accident.
/// </summary>
public sealed class FailureLoopTests : IAsyncLifetime
{
    private const string BrokenSteps = """[{"name":"call","type":"http","settings":{"url":"__URL__/broken","retry":{"maxAttempts":1}}}]""";
    private const string FixedSteps = """[{"name":"call","type":"http","settings":{"url":"__URL__/ok","retry":{"maxAttempts":1}}}]""";
    private DashboardHost _host = null!;
    private TestServer _server = null!;
    private RunsApi _api = null!;

    public async Task InitializeAsync()
    {
        (_host, _api) = await RunsApi.StartHostAsync();
        _server = await TestServer.StartAsync();
        _server.Routes["/broken"] = (_, _) => Task.FromResult(500);
    }

    public async Task DisposeAsync()
    {
        _api.Client.Dispose();
        await _server.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Replay_CurrentVersionAfterFix_ResolvesDeadLetterWithLinkToReplay()
    {
        var (workflowId, deadId) = await DeadLetterAsync("fix-flow");
        var openBefore = (await _api.GetAsync($"/api/dead-letters?workflowId={workflowId}")).AsArray();
        await _api.SaveWorkflowAsync("fix-flow", Steps(FixedSteps), workflowId);

        var replay = await _api.PostAsync($"/api/runs/{deadId}/replay", new { fromFailedStep = false, reason = "endpoint fixed in v2", version = "Current" });
        var newId = replay["runIds"]![0]!.GetValue<long>();
        var replayed = await _api.WaitForRunAsync(workflowId, r => r["id"]!.GetValue<long>() == newId && Is(r, "Succeeded"));
        var openAfter = (await _api.GetAsync($"/api/dead-letters?workflowId={workflowId}")).AsArray();
        var resolved = (await _api.GetAsync($"/api/dead-letters/replayed?workflowId={workflowId}"))["items"]!.AsArray();
        var original = await _api.RunAsync(deadId);

        Assert.Equal(1, Assert.Single(openBefore)!["count"]!.GetValue<long>());
        Assert.Equal(2, replayed["workflowVersion"]!.GetValue<int>());
        Assert.Empty(openAfter);
        var item = Assert.Single(resolved)!;
        Assert.Equal(deadId, item["runId"]!.GetValue<long>());
        Assert.Equal("Resolved", Str(item["status"]));
        Assert.Equal(newId, item["latestReplayId"]!.GetValue<long>());
        Assert.Equal("Succeeded", Str(item["latestReplayState"]));
        var link = Assert.Single(original["replays"]!.AsArray())!;
        Assert.Equal(newId, link["runId"]!.GetValue<long>());
        Assert.Equal("Succeeded", Str(link["state"]));
        Assert.Equal(2, link["workflowVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pages_AfterSuccessfulReplay_ShowReplayOnRunAndResolvedDeadLetter()
    {
        var (workflowId, deadId) = await DeadLetterAsync("page-flow");
        await _api.SaveWorkflowAsync("page-flow", Steps(FixedSteps), workflowId);
        var replay = await _api.PostAsync($"/api/runs/{deadId}/replay", new { reason = "fixed", version = "Current" });
        var newId = replay["runIds"]![0]!.GetValue<long>();
        await _api.WaitForRunAsync(workflowId, r => r["id"]!.GetValue<long>() == newId && Is(r, "Succeeded"));
        using var browser = await _host.CreateSignedInClientAsync();

        var runHtml = await browser.GetStringAsync($"/runs/{deadId}");
        var deadLettersHtml = await browser.GetStringAsync("/dead-letters");

        Assert.Contains("data-testid=\"run-replay-row\"", runHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"runs/{newId}\"", runHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"replayed-dead-letter\"", deadLettersHtml, StringComparison.Ordinal);
        Assert.Contains(">resolved<", deadLettersHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"dead-letter-group\"", deadLettersHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_OriginalVersionByDefault_RunsTheVersionTheRunRan()
    {
        var (workflowId, deadId) = await DeadLetterAsync("original-flow");
        await _api.SaveWorkflowAsync("original-flow", Steps(FixedSteps), workflowId);

        var replay = await _api.PostAsync($"/api/runs/{deadId}/replay", new { fromFailedStep = false, reason = "retry as it was" });
        var newId = replay["runIds"]![0]!.GetValue<long>();
        var again = await _api.WaitForRunAsync(workflowId, r => r["id"]!.GetValue<long>() == newId && Is(r, "DeadLettered"));
        var open = (await _api.GetAsync($"/api/dead-letters?workflowId={workflowId}")).AsArray();
        var replayed = (await _api.GetAsync($"/api/dead-letters/replayed?workflowId={workflowId}"))["items"]!.AsArray();

        Assert.Equal(1, again["workflowVersion"]!.GetValue<int>());
        Assert.Equal([newId], Assert.Single(open)!["recentRunIds"]!.AsArray().Select(id => id!.GetValue<long>()));
        var item = Assert.Single(replayed)!;
        Assert.Equal("ReplayDeadLettered", Str(item["status"]));
        Assert.Equal(newId, item["latestReplayId"]!.GetValue<long>());
    }

    [Fact]
    public async Task Replay_RunAlreadyReplayed_IsRefusedUnlessForced()
    {
        var (workflowId, deadId) = await DeadLetterAsync("double-flow");
        await _api.SaveWorkflowAsync("double-flow", Steps(FixedSteps), workflowId);
        var first = await _api.PostAsync($"/api/runs/{deadId}/replay", new { reason = "first", version = "Current" });
        var firstId = first["runIds"]![0]!.GetValue<long>();
        await _api.WaitForRunAsync(workflowId, r => r["id"]!.GetValue<long>() == firstId && Is(r, "Succeeded"));

        using var second = await _api.Client.PostAsJsonAsync($"/api/runs/{deadId}/replay", new { reason = "second", version = "Current" });
        var secondText = await second.Content.ReadAsStringAsync();
        var forced = await _api.PostAsync($"/api/runs/{deadId}/replay", new { reason = "on purpose", version = "Current", force = true });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains($"already replayed as run {firstId} (Succeeded)", secondText, StringComparison.Ordinal);
        Assert.NotEqual(firstId, forced["runIds"]![0]!.GetValue<long>());
    }

    [Fact]
    public async Task ReplayMany_SomeAlreadyReplayed_ReplaysOnlyTheOpenOnes()
    {
        var (workflowId, firstDead) = await DeadLetterAsync("bulk-flow");
        await _api.SendAsync("bulk-flow", "bulk-2", "{}");
        await _api.WaitForRunAsync(workflowId, r => r["id"]!.GetValue<long>() != firstDead && Is(r, "DeadLettered"));
        await _api.SaveWorkflowAsync("bulk-flow", Steps(FixedSteps), workflowId);
        var single = await _api.PostAsync($"/api/runs/{firstDead}/replay", new { reason = "one first", version = "Current" });
        var singleId = single["runIds"]![0]!.GetValue<long>();
        await _api.WaitForRunAsync(workflowId, r => r["id"]!.GetValue<long>() == singleId && Is(r, "Succeeded"));

        var bulk = await _api.PostAsync("/api/runs/replay", new { workflowId, state = "DeadLettered", reason = "the rest", version = "Current" });

        Assert.Single(bulk["runIds"]!.AsArray());
        Assert.Contains("1 skipped (already replayed)", Str(bulk["message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_FromFailedStepOnChangedCurrentVersion_IsRejectedWithReason()
    {
        var (workflowId, deadId) = await DeadLetterAsync("step-flow");
        await _api.SaveWorkflowAsync("step-flow", Steps(FixedSteps), workflowId);

        using var response = await _api.Client.PostAsJsonAsync($"/api/runs/{deadId}/replay", new { fromFailedStep = true, reason = "x", version = "Current" });
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("replay from the start to run the current version", Str(problem["title"]), StringComparison.Ordinal);
    }

    private async Task<(long WorkflowId, long DeadId)> DeadLetterAsync(string name)
    {
        var workflowId = await _api.CreateWorkflowAsync(name, name, Steps(BrokenSteps));
        await _api.SendAsync(name, $"{name}-1", "{}");
        var dead = await _api.WaitForRunAsync(workflowId, r => Is(r, "DeadLettered"));
        return (workflowId, dead["id"]!.GetValue<long>());
    }

    private string Steps(string template) => template.Replace("__URL__", _server.Url("").TrimEnd('/'), StringComparison.Ordinal);
}
