using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.IntegrationTests.Eventing;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>
/// Runs claimed in the commit that stores their event (embedded mode, a worker free): stored Running, started from the
/// committed write without the claim statement or a load; queued as before when no worker is free.
/// </summary>
public sealed class IngestClaimTests : IAsyncLifetime
{
    private readonly string _token = "ic-" + Guid.NewGuid().ToString("N");
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PostEvent_WorkerFree_RunStoredRunningAndSucceedsWithoutClaimOrLoad()
    {
        await using var host = await StartAsync(workers: 2);
        using var api = Api(host);
        var release = new TaskCompletionSource();
        _server.Routes["/hold"] = async (_, token) =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30), token);
            return 200;
        };
        var workflowId = await api.Api.CreateWorkflowAsync("held", "held", """
            [{"name":"call","type":"http","settings":{"url":"__URL__","timeoutSeconds":30}},{"name":"note","type":"log","settings":{"message":"done"}}]
            """.Replace("__URL__", _server.Url("/hold")));
        var claims = host.Services.GetRequiredService<RunClaims>();
        var store = host.Services.GetRequiredService<RunStore>();
        // The dispatcher's first look at the store, at start; with a 60 s poll it does not look again by itself.
        await EventingTestKit.UntilAsync(() => claims.ClaimStatements > 0, "the dispatcher's first claim");
        var (claimsBefore, loadsBefore) = (claims.ClaimStatements, claims.Loads + store.Loads);

        await api.Api.SendAsync("held", "h-1", "{}");
        var stored = Assert.Single(await api.Api.RunsAsync(workflowId))!;
        release.SetResult();
        var run = await api.Api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));

        Assert.Equal("Running", Str(stored["state"]));
        Assert.Equal(stored["id"]!.GetValue<long>(), run["id"]!.GetValue<long>());
        Assert.Equal(claimsBefore, claims.ClaimStatements);
        Assert.Equal(loadsBefore, claims.Loads + store.Loads);
        Assert.Equal(2, host.Services.GetRequiredService<IDispatchControl>().FreeSlots);
    }

    [Fact]
    public async Task PostEvent_AllWorkersBusy_RunQueuedThenClaimedWhenOneFrees()
    {
        await using var host = await StartAsync(workers: 1);
        using var api = Api(host);
        var release = new TaskCompletionSource();
        _server.Routes["/busy"] = async (_, token) =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30), token);
            return 200;
        };
        var slowId = await api.Api.CreateWorkflowAsync("busy", "busy", """
            [{"name":"call","type":"http","settings":{"url":"__URL__","timeoutSeconds":30}}]
            """.Replace("__URL__", _server.Url("/busy")));
        var fastId = await api.Api.CreateWorkflowAsync("next", "next", """[{"name":"note","type":"log","settings":{"message":"next"}}]""");
        var claims = host.Services.GetRequiredService<RunClaims>();
        await EventingTestKit.UntilAsync(() => claims.ClaimStatements > 0, "the dispatcher's first claim");

        await api.Api.SendAsync("busy", "b-1", "{}");
        await EventingTestKit.UntilAsync(() => _server.Requests.Any(r => r.Path == "/busy"), "the slow run's call");
        var claimsBefore = claims.ClaimStatements;
        await api.Api.SendAsync("next", "n-1", "{}");
        var queued = Assert.Single(await api.Api.RunsAsync(fastId))!;
        var slowState = Str(Assert.Single(await api.Api.RunsAsync(slowId))!["state"]);
        release.SetResult();
        await api.Api.WaitForRunAsync(fastId, r => Is(r, "Succeeded"));

        Assert.Equal("Running", slowState);
        Assert.Equal("Queued", Str(queued["state"]));
        Assert.True(claims.ClaimStatements > claimsBefore, "the queued run is claimed by the claim statement");
        await api.Api.WaitForRunAsync(slowId, r => Is(r, "Succeeded"));
    }

    [Fact]
    public async Task PostEvent_Duplicates_GiveTheirReservationsBack()
    {
        await using var host = await StartAsync(workers: 2);
        using var api = Api(host);
        var workflowId = await api.Api.CreateWorkflowAsync("dup", "dup", """[{"name":"note","type":"log","settings":{"message":"once"}}]""");
        var claims = host.Services.GetRequiredService<RunClaims>();
        var dispatch = host.Services.GetRequiredService<IDispatchControl>();
        await EventingTestKit.UntilAsync(() => claims.ClaimStatements > 0, "the dispatcher's first claim");
        await api.Api.SendAsync("dup", "d-1", "{}");
        await api.Api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));
        var claimsBefore = claims.ClaimStatements;

        // More duplicates than workers: a reservation a duplicate kept would leave no worker for the next event.
        for (var i = 0; i < 5; i++)
        {
            using var repeat = await api.Client.PostAsync("/hooks/dup", Event("d-1"));
            Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        }

        await EventingTestKit.UntilAsync(() => dispatch.FreeSlots == 2, "both workers free");
        await api.Api.SendAsync("dup", "d-2", "{}");
        await EventingTestKit.UntilAsync(async () => (await api.Api.RunsAsync(workflowId, "Succeeded")).Count == 2, "the second event's run succeeded");

        Assert.Equal(claimsBefore, claims.ClaimStatements);
        await EventingTestKit.UntilAsync(() => dispatch.FreeSlots == 2, "both workers free again");
    }

    [Fact]
    public async Task PostEvent_WriteFails_GivesItsReservationBack()
    {
        await using var host = await StartAsync(workers: 2);
        using var api = Api(host);
        var workflowId = await api.Api.CreateWorkflowAsync("fails", "fails", """[{"name":"note","type":"log","settings":{"message":"stored"}}]""");
        var claims = host.Services.GetRequiredService<RunClaims>();
        var dispatch = host.Services.GetRequiredService<IDispatchControl>();
        await EventingTestKit.UntilAsync(() => claims.ClaimStatements > 0, "the dispatcher's first claim");
        // The store refuses every run row, so each event's write fails after its worker was reserved.
        Execute(host, "CREATE TRIGGER refuse_runs BEFORE INSERT ON runs BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");

        for (var i = 0; i < 3; i++)
        {
            using var refused = await api.Client.PostAsync("/hooks/fails", Event($"f-{i}"));
            Assert.NotEqual(HttpStatusCode.Accepted, refused.StatusCode);
        }

        await EventingTestKit.UntilAsync(() => dispatch.FreeSlots == 2, "both workers free after the failed writes");
        Execute(host, "DROP TRIGGER refuse_runs;");
        var claimsBefore = claims.ClaimStatements;
        await api.Api.SendAsync("fails", "f-ok", "{}");
        await api.Api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));

        Assert.Single(await api.Api.RunsAsync(workflowId));
        Assert.Equal(claimsBefore, claims.ClaimStatements);
    }

    [Fact]
    public async Task Restart_RunStoredClaimedNeverStarted_ResumesAndSucceeds()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "dashboard-tests", "ingest-claim-" + Guid.NewGuid().ToString("N"));
        var first = await DashboardHost.StartAsync(Settings(workers: 2), existingDataPath: dataPath);
        long workflowId;
        long runId;
        var hold = new TaskCompletionSource();
        _server.Routes["/resume"] = async (call, token) =>
        {
            if (call == 0)
            {
                await hold.Task.WaitAsync(token);
            }

            return 200;
        };
        try
        {
            using var api = Api(first);
            workflowId = await api.Api.CreateWorkflowAsync("resume", "resume", """
                [{"name":"call","type":"http","settings":{"url":"__URL__","timeoutSeconds":30}},{"name":"note","type":"log","settings":{"message":"resumed"}}]
                """.Replace("__URL__", _server.Url("/resume")));
            await api.Api.SendAsync("resume", "r-1", "{}");
            await EventingTestKit.UntilAsync(() => _server.Requests.Any(r => r.Path == "/resume"), "the run's call");
            runId = Assert.Single(await api.Api.RunsAsync(workflowId))!["id"]!.GetValue<long>();
        }
        finally
        {
            await first.StopKeepingDataAsync();
        }

        // The state a process killed right after the event's commit leaves: claimed (Running), never started.
        Execute(dataPath, $"UPDATE runs SET StartedAt = NULL, StartMark = NULL, StartStep = NULL, UpdatedAt = CreatedAt WHERE Id = {runId} AND State = 'Running';", expectRows: 1);
        await using var second = await DashboardHost.StartAsync(Settings(workers: 2), existingDataPath: dataPath);
        using var restarted = Api(second);
        var run = await restarted.Api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));
        var activity = await restarted.Api.GetAsync($"/api/workflows/{workflowId}/activity");

        Assert.Equal(runId, run["id"]!.GetValue<long>());
        Assert.Contains(activity["items"]!.AsArray(), a => Str(a!["kind"]) == "run-resumed" && a["runId"]!.GetValue<long>() == runId);
        Assert.Equal(2, _server.Requests.Count(r => r.Path == "/resume"));
    }

    [Fact]
    public async Task PostEvent_ClaimedAtIngest_SeesTheSameEventAsALoadedReplay()
    {
        await using var host = await StartAsync(workers: 2);
        using var api = Api(host);
        var workflowId = await api.Api.CreateWorkflowAsync("same", "same", """
            [{"name":"shape","type":"transform","settings":{"template":{
              "id":"{{ event.id }}","source":"{{ event.source }}","type":"{{ event.type }}","subject":"{{ event.subject }}",
              "time":"{{ event.time }}","dct":"{{ event.datacontenttype }}","seq":"{{ event.seq }}","tenant":"{{ event.tenant }}",
              "n":"{{ event.data.n }}","text":"{{ event.data.text }}"}}}]
            """);
        var claims = host.Services.GetRequiredService<RunClaims>();
        await EventingTestKit.UntilAsync(() => claims.ClaimStatements > 0, "the dispatcher's first claim");
        var claimsBefore = claims.ClaimStatements;
        const string body = """
            {"specversion":"1.0","id":"s-1","source":"/tests/same","type":"test.same","subject":"orders/7","time":"2026-01-02T03:04:05.678901+02:00",
             "tenant":"acme","datacontenttype":"application/json","data":{"n":42,"text":"héllo"}}
            """;
        using (var response = await api.Client.PostAsync("/hooks/same", new StringContent(body, Encoding.UTF8, "application/cloudevents+json")))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var original = await api.Api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));
        var claimedAtIngest = claims.ClaimStatements == claimsBefore;
        var replay = await api.Api.PostAsync($"/api/runs/{original["id"]}/replay", new { reason = "compare" });
        var replayId = replay["runIds"]![0]!.GetValue<long>();
        var replayed = await api.Api.WaitForRunAsync(workflowId, r => r["id"]!.GetValue<long>() == replayId && Is(r, "Succeeded"));
        var first = await api.Api.RunAsync(original["id"]!.GetValue<long>());
        var second = await api.Api.RunAsync(replayed["id"]!.GetValue<long>());

        Assert.True(claimedAtIngest, "the original run was claimed in its event's commit");
        var output = JsonNode.Parse(Str(Assert.Single(first["steps"]!.AsArray())!["output"]))!;
        Assert.Equal("acme", Str(output["tenant"]));
        Assert.Equal("42", Str(output["n"]));
        Assert.Equal(Str(Assert.Single(second["steps"]!.AsArray())!["output"]), output.ToJsonString());
        using var db = SqliteFile.Open(host.DatabasePath);
        var executedBy = SqliteFile.Rows(db, $"SELECT ExecutedBy FROM runs WHERE Id IN ({original["id"]}, {replayId}) ORDER BY Id;").Select(r => r[0]).ToList();
        Assert.Equal(2, executedBy.Count);
        Assert.NotNull(executedBy[0]);
        Assert.Equal(executedBy[1], executedBy[0]);
    }

    private Task<DashboardHost> StartAsync(int workers) => DashboardHost.StartAsync(Settings(workers));

    private Dictionary<string, string> Settings(int workers) => new()
    {
        ["Setup:AdminUser"] = DashboardHost.AdminUser,
        ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
        ["Setup:AdminApiToken"] = _token,
        ["Workflows:Workers"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Workflows:PollIntervalSeconds"] = "60",
    };

    private static void Execute(DashboardHost host, string sql) => Execute(host.DataPath, sql);

    private static void Execute(string dataPath, string sql, int? expectRows = null)
    {
        var database = Path.Combine(dataPath, "dashboard.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = command.ExecuteNonQuery();
        if (expectRows is { } expected)
        {
            Assert.Equal(expected, rows);
        }
    }

    private ApiClient Api(DashboardHost host) => new(host.CreateBearerClient(_token));

    private static StringContent Event(string id) => new(
        $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/tests","type":"test.event","datacontenttype":"application/json","data":{}}""",
        Encoding.UTF8, "application/cloudevents+json");

    private sealed class ApiClient(HttpClient client) : IDisposable
    {
        public HttpClient Client { get; } = client;
        public RunsApi Api { get; } = new(client);

        public void Dispose() => Client.Dispose();
    }
}
