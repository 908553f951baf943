using System.Text.Json.Nodes;
using Dashboard.Testing;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>The real host on Kestrel with a real SQLite file: events become runs, runs become step results and activity.</summary>
public sealed class WorkflowRuntimeTests : IAsyncLifetime
{
    private DashboardHost _host = null!;
    private TestServer _server = null!;
    private RunsApi _api = null!;

    public async Task InitializeAsync()
    {
        (_host, _api) = await RunsApi.StartHostAsync();
        _server = await TestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _api.Client.Dispose();
        await _server.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task PostEvent_MultiStepWorkflow_StoresStepResultsAndActivity()
    {
        var workflowId = await _api.CreateWorkflowAsync("order-flow", "orders", """
            [
              {"name":"vars","type":"set","settings":{"variables":{"total":"{{ event.data.total }}"}}},
              {"name":"shape","type":"transform","settings":{"template":{"id":"{{ upper(event.data.id) }}","big":"{{ vars.total > 100 }}"}}},
              {"name":"gate","type":"condition","settings":{"expression":"steps.shape.output.big","whenFalse":"end"}},
              {"name":"note","type":"log","settings":{"message":"order {{ steps.shape.output.id }} is big"}}
            ]
            """);

        await _api.SendAsync("orders", "o-1", """{"id":"a-1","total":250}""");
        var run = await _api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));
        var detail = await _api.RunAsync(run["id"]!.GetValue<long>());
        var activity = await _api.GetAsync($"/api/workflows/{workflowId}/activity");

        var steps = detail["steps"]!.AsArray();
        Assert.Equal(["vars", "shape", "gate", "note"], steps.Select(s => Str(s!["stepName"])));
        Assert.All(steps, s => Assert.Equal("Succeeded", Str(s!["state"])));
        Assert.Equal("""{"message":"order A-1 is big"}""", Str(steps[3]!["output"]));
        Assert.Equal("o-1", Str(detail["trigger"]!["id"]));
        var kinds = activity["items"]!.AsArray().Select(a => Str(a!["kind"])).ToList();
        Assert.Equal(["run-succeeded", "run-started"], kinds.Take(2));
        Assert.Contains(activity["items"]!.AsArray(), a => Str(a!["kind"]) == "run-started" && Str(a["actor"]).Contains("o-1", StringComparison.Ordinal));
        Assert.Contains(activity["items"]!.AsArray(), a => Str(a!["kind"]) == "run-succeeded" && a["runId"]!.GetValue<long>() == run["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task PostEvent_TemplateMissingField_FailsRunNamingStepFieldAndPosition()
    {
        var workflowId = await _api.CreateWorkflowAsync("missing-flow", "missing", """
            [{"name":"shape","type":"transform","settings":{"template":{"id":"{{ event.data.order.id }}"}}}]
            """);

        await _api.SendAsync("missing", "m-1", """{"total":1}""");
        var run = await _api.WaitForRunAsync(workflowId, r => Is(r, "Failed"));
        var step = (await _api.RunAsync(run["id"]!.GetValue<long>()))["steps"]!.AsArray().Single()!;

        Assert.Equal("step 'shape' settings.template.id: position 15: missing field 'event.data.order'", Str(run["error"]));
        Assert.Equal("shape", Str(run["failedStep"]));
        Assert.Equal(Str(run["error"]), Str(step["error"]));
    }

    [Fact]
    public async Task HttpStep_Success_SendsIdempotencyKeyAndCapturesResponse()
    {
        var workflowId = await _api.CreateWorkflowAsync("http-ok", "http-ok", """
            [{"name":"call","type":"http","settings":{"method":"POST","url":"__URL__","body":{"id":"{{ event.data.id }}"}}}]
            """.Replace("__URL__", _server.Url("/ok")));

        await _api.SendAsync("http-ok", "h-1", """{"id":"x-1"}""");
        var run = await _api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));
        var runId = run["id"]!.GetValue<long>();
        var step = (await _api.RunAsync(runId))["steps"]!.AsArray().Single()!;

        var seen = Assert.Single(_server.Requests, r => r.Path == "/ok");
        Assert.Equal($"run-{runId}-step-0-v1", seen.IdempotencyKey);
        Assert.Equal("""{"id":"x-1"}""", seen.Body);
        var output = JsonNode.Parse(Str(step["output"]))!;
        Assert.Equal(200, output["status"]!.GetValue<int>());
        Assert.Equal("/ok", Str(output["body"]!["path"]));
        Assert.Equal(seen.IdempotencyKey, Str(step["idempotencyKey"]));
    }

    [Fact]
    public async Task HttpStep_500ThenSuccess_RetriesWithSameKeyAndSucceeds()
    {
        _server.Routes["/flaky"] = (call, _) => Task.FromResult(call == 0 ? 500 : 200);
        var workflowId = await _api.CreateWorkflowAsync("http-flaky", "http-flaky", """
            [{"name":"call","type":"http","settings":{"url":"__URL__","retry":{"maxAttempts":3,"backoffSeconds":0.2}}}]
            """.Replace("__URL__", _server.Url("/flaky")));

        await _api.SendAsync("http-flaky", "f-1", "{}");
        var run = await _api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));
        var steps = (await _api.RunAsync(run["id"]!.GetValue<long>()))["steps"]!.AsArray();
        var activity = await _api.GetAsync($"/api/workflows/{workflowId}/activity");

        Assert.Equal(["1:Failed", "2:Succeeded"], steps.Select(s => $"{s!["attempt"]}:{Str(s["state"])}"));
        Assert.True(steps[0]!["retryable"]!.GetValue<bool>());
        Assert.Equal(2, _server.Requests.Count(r => r.Path == "/flaky"));
        Assert.Single(_server.Requests.Where(r => r.Path == "/flaky").Select(r => r.IdempotencyKey).Distinct());
        Assert.Contains(activity["items"]!.AsArray(), a => Str(a!["kind"]) == "step-retry" && Str(a["message"]).Contains("answered 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HttpStep_TimeoutUntilRetriesExhausted_DeadLettersThenReplayFromFailedStepSucceeds()
    {
        var slow = true;
        _server.Routes["/slow"] = async (_, token) =>
        {
            if (slow)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), token);
            }

            return 200;
        };
        var workflowId = await _api.CreateWorkflowAsync("http-slow", "http-slow", """
            [
              {"name":"before","type":"set","settings":{"variables":{"n":1}}},
              {"name":"call","type":"http","settings":{"url":"__URL__","timeoutSeconds":1,"retry":{"maxAttempts":2,"backoffSeconds":0.1}}}
            ]
            """.Replace("__URL__", _server.Url("/slow")));

        await _api.SendAsync("http-slow", "s-1", "{}");
        var dead = await _api.WaitForRunAsync(workflowId, r => Is(r, "DeadLettered"));
        var groups = (await _api.GetAsync("/api/dead-letters")).AsArray();
        slow = false;
        var replay = await _api.PostAsync($"/api/runs/{dead["id"]}/replay", new { fromFailedStep = true, reason = "endpoint fixed" });
        var newRunId = replay["runIds"]![0]!.GetValue<long>();
        var replayed = await _api.WaitForRunAsync(workflowId, r => r["id"]!.GetValue<long>() == newRunId && Is(r, "Succeeded"));
        var steps = (await _api.RunAsync(newRunId))["steps"]!.AsArray();
        var activity = await _api.GetAsync($"/api/workflows/{workflowId}/activity");

        Assert.Contains("timed out after 1 s", Str(dead["error"]), StringComparison.Ordinal);
        var group = Assert.Single(groups, g => g!["workflowId"]!.GetValue<long>() == workflowId)!;
        Assert.Equal(1, group["count"]!.GetValue<long>());
        Assert.Equal("call", Str(group["failedStep"]));
        Assert.Equal(dead["id"]!.GetValue<long>(), replayed["replayOf"]!.GetValue<long>());
        Assert.Equal("endpoint fixed", Str(replayed["reason"]));
        Assert.StartsWith("token:", Str(replayed["initiator"]), StringComparison.Ordinal);
        Assert.Equal(["before:Succeeded", "call:Succeeded"], steps.Select(s => $"{Str(s!["stepName"])}:{Str(s["state"])}"));
        Assert.Contains(activity["items"]!.AsArray(), a => Str(a!["kind"]) == "run-replayed" && Str(a["actor"]) == Str(replayed["initiator"])
            && Str(a["message"]).Contains("endpoint fixed", StringComparison.Ordinal));
        Assert.Contains(activity["items"]!.AsArray(), a => Str(a!["kind"]) == "run-dead-lettered");
    }

    [Fact]
    public async Task SlowRun_DoesNotBlockOtherRuns()
    {
        var release = new TaskCompletionSource();
        _server.Routes["/hold"] = async (_, token) =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(20), token);
            return 200;
        };
        var slowId = await _api.CreateWorkflowAsync("slow-flow", "slow", """
            [{"name":"call","type":"http","settings":{"url":"__URL__","timeoutSeconds":30}}]
            """.Replace("__URL__", _server.Url("/hold")));
        var fastId = await _api.CreateWorkflowAsync("fast-flow", "fast", """[{"name":"note","type":"log","settings":{"message":"fast"}}]""");

        await _api.SendAsync("slow", "slow-1", "{}");
        await _api.WaitForRunAsync(slowId, r => Is(r, "Running"));
        await _api.SendAsync("fast", "fast-1", "{}");
        await _api.WaitForRunAsync(fastId, r => Is(r, "Succeeded"));
        var slowState = Str((await _api.RunsAsync(slowId))[0]!["state"]);
        release.SetResult();

        Assert.Equal("Running", slowState);
        await _api.WaitForRunAsync(slowId, r => Is(r, "Succeeded"));
    }

    [Fact]
    public async Task EditWorkflow_WhileRunInFlight_RunKeepsItsVersion()
    {
        var workflowId = await _api.CreateWorkflowAsync("edit-flow", "edit", """
            [
              {"name":"first","type":"log","settings":{"message":"v1 first"}},
              {"name":"wait","type":"delay","settings":{"seconds":1.5}},
              {"name":"last","type":"log","settings":{"message":"v1 last"}}
            ]
            """);

        await _api.SendAsync("edit", "e-1", "{}");
        var waiting = await _api.WaitForRunAsync(workflowId, r => r["stepIndex"]!.GetValue<int>() == 2 && r["nextAttemptAt"] is not null);
        await _api.SaveWorkflowAsync("edit-flow", """
            [
              {"name":"first","type":"log","settings":{"message":"v2 first"}},
              {"name":"extra","type":"log","settings":{"message":"v2 extra"}},
              {"name":"last","type":"log","settings":{"message":"v2 last"}}
            ]
            """, workflowId);
        var done = await _api.WaitForRunAsync(workflowId, r => r["id"]!.GetValue<long>() == waiting["id"]!.GetValue<long>() && Is(r, "Succeeded"));
        var steps = (await _api.RunAsync(done["id"]!.GetValue<long>()))["steps"]!.AsArray();
        await _api.SendAsync("edit", "e-2", "{}");
        var next = await _api.WaitForRunAsync(workflowId, r => r["id"]!.GetValue<long>() != done["id"]!.GetValue<long>() && Is(r, "Succeeded"));

        Assert.Equal(1, done["workflowVersion"]!.GetValue<int>());
        Assert.Equal(["first", "wait", "last"], steps.Select(s => Str(s!["stepName"])));
        Assert.Equal("""{"message":"v1 last"}""", Str(steps[2]!["output"]));
        Assert.Equal(2, next["workflowVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task CancelRun_WaitingInDelay_IsCancelledAndAudited()
    {
        var workflowId = await _api.CreateWorkflowAsync("cancel-flow", "cancel", """
            [{"name":"wait","type":"delay","settings":{"seconds":600}},{"name":"after","type":"log","settings":{}}]
            """);

        await _api.SendAsync("cancel", "c-1", "{}");
        var waiting = await _api.WaitForRunAsync(workflowId, r => Is(r, "Queued") && r["nextAttemptAt"] is not null);
        var result = await _api.PostAsync($"/api/runs/{waiting["id"]}/cancel", new { reason = "not needed" });
        var cancelled = await _api.WaitForRunAsync(workflowId, r => Is(r, "Cancelled"));
        var activity = await _api.GetAsync($"/api/workflows/{workflowId}/activity");

        Assert.Equal("Done", Str(result["status"]));
        Assert.Equal(waiting["id"]!.GetValue<long>(), cancelled["id"]!.GetValue<long>());
        Assert.Contains(activity["items"]!.AsArray(), a => Str(a!["kind"]) == "run-cancelled" && Str(a["actor"]).StartsWith("token:", StringComparison.Ordinal));
    }
}
