using Dashboard.IntegrationTests.Ingestion;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>
/// The app as a child process, killed with SIGKILL in the middle of runs (during an http call, and during a durable
/// delay), then restarted on the same data folder: every run completes, and the test server sees each http side
/// effect exactly once per idempotency key; steps completed before the crash are not sent again.
/// </summary>
public sealed class CrashResumeTests
{
    private const string Token = "crash-test-admin-token-0123456789";

    private const string Steps = """
        [
          {"name":"charge","type":"http","settings":{"method":"POST","url":"__BASE__charge","body":{"order":"{{ event.data.order }}"}}},
          {"name":"wait","type":"delay","settings":{"seconds":"{{ event.data.wait }}"}},
          {"name":"ship","type":"http","settings":{"method":"POST","url":"__BASE__ship","timeoutSeconds":60}},
          {"name":"done","type":"log","settings":{"message":"order {{ event.data.order }} shipped"}}
        ]
        """;

    [Fact]
    public async Task KillDuringRun_Restart_CompletesWithOneSideEffectPerIdempotencyKey()
    {
        await using var server = await TestServer.StartAsync();
        var holdShip = new TaskCompletionSource();
        server.Routes["/ship"] = async (call, token) =>
        {
            if (call == 0)
            {
                await holdShip.Task.WaitAsync(token);
            }

            return 200;
        };
        var dataPath = Path.Combine(Path.GetTempPath(), "dashboard-tests", "crash-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = "admin",
            ["Setup:AdminPassword"] = "correct-horse-battery",
            ["Setup:AdminApiToken"] = Token,
            ["Workflows:PollIntervalSeconds"] = "0.2",
        };
        try
        {
            long workflowId;
            await using (var first = await AppProcess.StartAsync(dataPath, settings))
            {
                var api = Api(first);
                workflowId = await api.CreateWorkflowAsync("crash-flow", "crash", Steps.Replace("__BASE__", server.BaseAddress.ToString(), StringComparison.Ordinal));

                // Run 1 is killed while its "ship" call is in flight (the run is Running).
                await api.SendAsync("crash", "order-1", """{"order":"o-1","wait":0.5}""");
                await WaitAsync(() => server.Requests.Any(r => r.Path == "/ship"));
                first.Kill();
            }

            await using (var second = await AppProcess.StartAsync(dataPath, settings))
            {
                var api = Api(second);
                await api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));

                // Run 2 is killed during its durable delay (the run is Queued with a resume time).
                await api.SendAsync("crash", "order-2", """{"order":"o-2","wait":3}""");
                await api.WaitForRunAsync(workflowId, r => r["stepIndex"]!.GetValue<int>() == 2 && r["nextAttemptAt"] is not null);
                second.Kill();
            }

            await using (var third = await AppProcess.StartAsync(dataPath, settings))
            {
                var api = Api(third);
                var runs = await WaitForAllAsync(api, workflowId, 2);
                var activity = await api.GetAsync($"/api/workflows/{workflowId}/activity?pageSize=200");

                var ids = runs.Select(r => r!["id"]!.GetValue<long>()).Order().ToList();
                var expectedKeys = ids.SelectMany(id => new[] { $"run-{id}-step-0-v1", $"run-{id}-step-2-v1" }).Order().ToList();
                Assert.Equal(expectedKeys, server.Effects.Keys.Order());
                Assert.All(server.Requests, r => Assert.NotNull(r.IdempotencyKey));
                Assert.Equal(2, server.Requests.Count(r => r.Path == "/charge"));
                Assert.Equal([2, 1], server.Requests.Where(r => r.Path == "/ship").GroupBy(r => r.IdempotencyKey).OrderBy(g => g.Key).Select(g => g.Count()));
                Assert.Contains(activity["items"]!.AsArray(), a => Str(a!["kind"]) == "run-resumed" && a["runId"]!.GetValue<long>() == ids[0]);
                foreach (var id in ids)
                {
                    var steps = (await api.RunAsync(id))["steps"]!.AsArray();
                    Assert.Equal(["charge", "wait", "ship", "done"], steps.Select(s => Str(s!["stepName"])));
                }
            }
        }
        finally
        {
            holdShip.TrySetResult();
            TryDelete(dataPath);
        }
    }

    private static RunsApi Api(AppProcess app)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        return new RunsApi(client);
    }

    private static async Task<System.Text.Json.Nodes.JsonArray> WaitForAllAsync(RunsApi api, long workflowId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        System.Text.Json.Nodes.JsonArray runs = [];
        while (DateTime.UtcNow < deadline)
        {
            runs = await api.RunsAsync(workflowId);
            if (runs.Count == count && runs.All(r => Is(r!, "Succeeded")))
            {
                return runs;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Runs did not all succeed: {runs.ToJsonString()}");
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Condition not met within 30 s.");
            await Task.Delay(50);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
