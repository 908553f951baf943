using Dashboard.IntegrationTests.Eventing;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Streaming;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>
/// A worker hands its run's last write to the store and takes other work; the run's end is done when that write settles.
/// A run end that does not commit is not reported finished: no live notice, the run goes back to the queue, its worker's
/// slot is freed. Real host, SQLite file and HTTP.
/// </summary>
public sealed class RunEndHandOffTests
{
    private readonly string _token = "rh-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task RunEnd_CommitFails_NotReportedFinishedAndQueuedAgain()
    {
        await using var rig = await StartAsync("refused-end");
        var (host, api, workflowId, dispatch, live) = (rig.Host, rig.Api, rig.WorkflowId, rig.Dispatch, rig.Live);
        Execute(host, "CREATE TRIGGER refuse_end BEFORE UPDATE ON runs WHEN NEW.State = 'Succeeded' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");

        await api.SendAsync("refused-end", "e-1", "{}");
        var run = await api.WaitForRunAsync(workflowId, r => Is(r, "Queued") && r["nextAttemptAt"] is not null);
        await EventingTestKit.UntilAsync(() => dispatch.FreeSlots == 2, "both workers free after the refused end");
        var batch = await live.ReadBatchAsync(TimeSpan.Zero, TimeSpan.FromMilliseconds(200), 10_000, CancellationToken.None);

        var runId = run["id"]!.GetValue<long>();
        Assert.DoesNotContain(batch.Items, i => i.Kind == LiveItemKind.Run && i.RunId == runId && i.Outcome == "Succeeded");
        Assert.DoesNotContain(batch.Items, i => i.Kind == LiveItemKind.Activity && i.RunId == runId && i.Outcome == "run-succeeded");
        Assert.Null(run["finishedAt"]);
    }

    [Fact]
    public async Task RunEnd_Committed_FinishPublishedAndEveryWorkerFree()
    {
        await using var rig = await StartAsync("ends");
        var (api, workflowId, dispatch, live) = (rig.Api, rig.WorkflowId, rig.Dispatch, rig.Live);

        // More runs than workers, one after another: each worker takes its next run while its last one's end commits.
        for (var i = 0; i < 10; i++)
        {
            await api.SendAsync("ends", $"s-{i}", "{}");
        }

        await EventingTestKit.UntilAsync(async () => (await api.RunsAsync(workflowId, "Succeeded")).Count == 10, "all ten runs succeeded");
        await EventingTestKit.UntilAsync(() => dispatch.FreeSlots == 2, "both workers free");
        var finished = new HashSet<long>();
        while (finished.Count < 10)
        {
            var batch = await live.ReadBatchAsync(TimeSpan.Zero, TimeSpan.FromSeconds(30), 10_000, CancellationToken.None);
            Assert.NotEmpty(batch.Items);
            finished.UnionWith(batch.Items.Where(i => i.Kind == LiveItemKind.Run && i.Outcome == "Succeeded").Select(i => i.RunId!.Value));
        }

        Assert.Equal(10, finished.Count);
    }

    /// <summary>A host with two workers and a 60 s poll, a one-step workflow on route <paramref name="key"/>, and a live subscription.</summary>
    private async Task<Rig> StartAsync(string key)
    {
        var host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser,
            ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Setup:AdminApiToken"] = _token,
            ["Workflows:Workers"] = "2",
            ["Workflows:PollIntervalSeconds"] = "60",
        });
        var client = host.CreateBearerClient(_token);
        var api = new RunsApi(client);
        var workflowId = await api.CreateWorkflowAsync(key, key, """[{"name":"note","type":"log","settings":{"message":"done"}}]""");
        return new Rig(host, client, api, workflowId, host.Services.GetRequiredService<IDispatchControl>(),
            host.Services.GetRequiredService<LiveFeed>().Subscribe(LiveFilter.All));
    }

    private sealed record Rig(DashboardHost Host, HttpClient Client, RunsApi Api, long WorkflowId, IDispatchControl Dispatch, LiveSubscription Live)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Live.Dispose();
            Client.Dispose();
            await Host.DisposeAsync();
        }
    }

    private static void Execute(DashboardHost host, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(host.DataPath, "dashboard.db"),
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
