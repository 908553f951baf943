using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Testing;
using Xunit.Abstractions;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.ScaleOut;

/// <summary>A worker that stops while executing runs: the owner notices the missing heartbeats and the runs finish elsewhere, once each.</summary>
public sealed class LostWorkerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 8;
    private ScaleOutDeployment _deployment = null!;
    private GateServer _gate = null!;

    public async Task InitializeAsync()
    {
        _gate = new GateServer();
        // Two workflow workers on the owner: it can hold only a few gated runs, so the rest are pulled by the worker.
        _deployment = await ScaleOutDeployment.StartAsync(new Dictionary<string, string>
        {
            ["Runtime:WorkerTimeoutSeconds"] = "5",
            ["Workflows:Workers"] = "2",
        });
    }

    public async Task DisposeAsync()
    {
        _deployment.WriteWarnings(output);
        await _deployment.DisposeAsync();
        await _gate.DisposeAsync();
    }

    [Fact]
    public async Task WorkerStopsMidRun_HeartbeatsStop_OwnerQueuesItsRunsAgainAndEachSucceedsOnce()
    {
        var owner = _deployment.Owner;
        using var ownerApi = owner.CreateBearerClient(Token);
        var steps = $$$"""[{"name":"wait","type":"http","settings":{"method":"GET","url":"{{{_gate.Url}}}","timeoutSeconds":300}}]""";
        await new RunsApi(ownerApi).CreateWorkflowAsync("gated", "gated", steps);
        await UntilDispatchAsync(owner, DispatchMode.Nats, TimeSpan.FromSeconds(60));
        await UntilDispatchAsync(_deployment.Worker, DispatchMode.Nats, TimeSpan.FromSeconds(60));

        var sender = new ScaleOutSender(owner.BaseAddress, "gated", TimeSpan.FromSeconds(60));
        for (var i = 0; i < Events; i++)
        {
            Assert.True(await sender.SendAsync($"gated-{i}", CancellationToken.None), string.Join('\n', sender.Unexpected));
        }

        // Both instances pull from the shared consumer; wait until every run is claimed (so none is claimed after the
        // count below) and the worker holds at least one of them at the gate.
        await UntilAsync(() => Count(owner, "SELECT COUNT(*) FROM runs WHERE State = 'Running'") == Events
                               && Count(owner, "SELECT COUNT(*) FROM runs WHERE State = 'Running' AND ExecutedBy = 'worker' AND StartedAt IS NOT NULL") > 0
                               && _gate.Requests >= Count(owner, "SELECT COUNT(*) FROM runs WHERE StartedAt IS NOT NULL"),
            "every run claimed and one executing on the worker", TimeSpan.FromSeconds(60));
        var onWorker = Count(owner, "SELECT COUNT(*) FROM runs WHERE State = 'Running' AND ExecutedBy = 'worker'");
        await _deployment.StopWorkerAsync();
        _gate.Open();

        await UntilAsync(() => Count(owner, "SELECT COUNT(*) FROM runs WHERE State = 'Succeeded'") == Events, $"{Events} succeeded runs", TimeSpan.FromSeconds(120));
        Assert.Equal(Events, Count(owner, "SELECT COUNT(*) FROM runs"));
        Assert.Equal(Events, Count(owner, "SELECT COUNT(DISTINCT EventSeq) FROM runs"));
        Assert.Equal(onWorker, Count(owner, "SELECT COUNT(*) FROM activity WHERE Kind = 'run-resumed' AND Message LIKE '%worker worker, which stopped sending heartbeats%'"));
        using var db = SqliteFile.Open(owner.DatabasePath);
        Assert.Equal("0", SqliteFile.Scalar(db, "SELECT COUNT(*) FROM runs r WHERE (SELECT COUNT(*) FROM step_results s WHERE s.RunId = r.Id AND s.State = 'Succeeded') <> 1"));
    }
}
