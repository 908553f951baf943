using System.Text;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Testing;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.Sync;

/// <summary>A sync caller is answered ahead of a backlog of async runs: its run is claimed before them.</summary>
public sealed class SyncPriorityTests : IAsyncLifetime
{
    private const int Backlog = 5_000;
    private DashboardHost _host = null!;
    private SyncApi _api = null!;

    public async Task InitializeAsync()
    {
        // Two workers keep a backlog of thousands queued for many seconds.
        _host = await StartHostAsync(new Dictionary<string, string> { ["Workflows:Workers"] = "2" });
        _api = new SyncApi(new RunsApi(_host.CreateBearerClient(Token)));
    }

    public async Task DisposeAsync()
    {
        _api.Runs.Client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task PostSyncEvent_ThousandsOfAsyncRunsQueued_AnsweredBeforeTheBacklogDrains()
    {
        await _api.Runs.CreateWorkflowAsync("backlog", "backlog", """[{"name":"shape","type":"transform","settings":{"template":{"n":"{{ event.data.n }}"}}}]""");
        await _api.CreateAsync("urgent", """[{"name":"answer","type":"respond","settings":{"body":{"first":true}}}]""", timeoutSeconds: 20);
        for (var batch = 0; batch < Backlog / 1_000; batch++)
        {
            using var response = await _api.Runs.Client.PostAsync("/hooks/backlog", Batch(batch, 1_000));
            Assert.True((int)response.StatusCode == 202, await response.Content.ReadAsStringAsync());
        }

        var queuedBefore = QueuedBacklog();
        var (status, body, text) = await _api.SendAsync("urgent", "u-1", "{}");
        var queuedAfter = QueuedBacklog();

        Assert.True(queuedBefore > Backlog / 2, $"only {queuedBefore} async runs were still queued when the sync event was sent");
        Assert.True(status == 200, text);
        Assert.True(body!["first"]!.GetValue<bool>());
        Assert.True(queuedAfter > 1_000, $"the sync caller was answered only once the backlog was down to {queuedAfter} queued runs");
    }

    private long QueuedBacklog() => Count(_host, """
        SELECT COUNT(*) FROM runs r JOIN workflow_definitions w ON w.Id = r.WorkflowId WHERE w.Name = 'backlog' AND r.State = 'Queued';
        """);

    private static StringContent Batch(int batch, int size)
    {
        var events = Enumerable.Range(0, size).Select(i =>
            $$$"""{"specversion":"1.0","id":"b-{{{batch}}}-{{{i}}}","source":"/tests/backlog","type":"test.backlog","datacontenttype":"application/json","data":{"n":{{{i}}}}}""");
        return new StringContent("[" + string.Join(",", events) + "]", Encoding.UTF8, "application/cloudevents-batch+json");
    }
}
