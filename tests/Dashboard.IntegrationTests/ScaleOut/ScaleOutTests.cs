using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Dashboard.IntegrationTests.Eventing;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Runtime.Nats.ScaleOut;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.ScaleOut;

/// <summary>
/// An owner and a worker instance on a three-node NATS cluster: events posted to both, a NATS node killed mid-run, and
/// every accepted event stored once in the owner's store with exactly one Succeeded run, run on both instances.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Route = "scale-flow";
    private const int SendersPerInstance = 2;
    private const int EventsPerSender = 50;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private ScaleOutDeployment _deployment = null!;

    private DashboardHost Owner => _deployment.Owner;

    private DashboardHost Worker => _deployment.Worker;

    public async Task InitializeAsync() => _deployment = await ScaleOutDeployment.StartAsync();

    public async Task DisposeAsync()
    {
        _deployment.WriteWarnings(output);
        await _deployment.DisposeAsync();
    }

    [Fact]
    public async Task PostToOwnerAndWorker_NatsNodeKilledMidRun_EveryAcceptedEventRunsExactlyOnce()
    {
        var clock = Stopwatch.StartNew();
        using var ownerApi = Owner.CreateBearerClient(Token);
        var workflowId = await new RunsApi(ownerApi).CreateWorkflowAsync(Route, Route, """[{"name":"note","type":"log","settings":{"message":"scaled {{ event.data.id }}"}}]""");
        await UntilDispatchAsync(Owner, DispatchMode.Nats, TimeSpan.FromSeconds(60));
        await UntilDispatchAsync(Worker, DispatchMode.Nats, TimeSpan.FromSeconds(60));

        var senders = new[] { new ScaleOutSender(Owner.BaseAddress, Route, Patience), new ScaleOutSender(Worker.BaseAddress, Route, Patience) };
        // The worker knows the route once it has the owner's catalog: its first event waits for that.
        Assert.True(await senders[1].SendAsync("worker-warmup", CancellationToken.None), string.Join('\n', senders[1].Unexpected));
        Assert.True(await senders[0].SendAsync("owner-warmup", CancellationToken.None), string.Join('\n', senders[0].Unexpected));

        // The node dies mid-run: after a third of the events are accepted and the worker has executed runs (so the test
        // also covers runs the worker executes while its connection fails over), with traffic continuing afterwards.
        var killAfter = SendersPerInstance * EventsPerSender * senders.Length / 3;
        var killed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var killer = Task.Run(async () =>
        {
            await UntilAsync(() => senders.Sum(s => s.Accepted.Count) >= killAfter
                                   && Count(Owner, "SELECT COUNT(*) FROM runs WHERE ExecutedBy = 'worker'") > 0,
                "a third of the events accepted and runs executed by the worker", TimeSpan.FromSeconds(120));
            await _deployment.Cluster.KillAsync(0);
            killed.SetResult(senders.Sum(s => s.Accepted.Count));
            output.WriteLine($"killed n1 after {killed.Task.Result} accepted events at {clock.Elapsed}");
        });
        var sending = senders.SelectMany((sender, instance) => Enumerable.Range(0, SendersPerInstance).Select(lane => Task.Run(async () =>
        {
            // At least EventsPerSender each, and on until well after the kill.
            for (var i = 0; i < EventsPerSender || !killed.Task.IsCompleted || senders.Sum(s => s.Accepted.Count) < killed.Task.Result + killAfter; i++)
            {
                if (!await sender.SendAsync($"{(instance == 0 ? "owner" : "worker")}-{lane}-{i}", CancellationToken.None) || killer.IsFaulted)
                {
                    return;
                }
            }
        }))).ToList();
        await Task.WhenAll(sending);
        Assert.Empty(senders.SelectMany(s => s.Unexpected));
        await killer;
        output.WriteLine($"sent {senders.Sum(s => s.Accepted.Count)} at {clock.Elapsed}; retries: owner {senders[0].Retries}, worker {senders[1].Retries}");

        Assert.True(killed.Task.IsCompleted, "the node was killed mid-run");
        var accepted = senders.SelectMany(s => s.Accepted).ToHashSet(StringComparer.Ordinal);
        Assert.True(accepted.Count >= SendersPerInstance * EventsPerSender * senders.Length + 2, $"{accepted.Count} accepted");
        Assert.Equal(senders.Sum(s => s.Accepted.Count), accepted.Count);

        await UntilAsync(() => Count(Owner, "SELECT COUNT(*) FROM runs WHERE State = 'Succeeded'") >= accepted.Count
                               && Count(Owner, "SELECT COUNT(*) FROM runs WHERE State <> 'Succeeded'") == 0,
            $"{accepted.Count} succeeded runs on the owner", TimeSpan.FromSeconds(240));
        output.WriteLine($"all runs succeeded at {clock.Elapsed}");

        using var db = SqliteFile.Open(Owner.DatabasePath);
        var events = SqliteFile.Rows(db, """
            SELECT e.Id, COUNT(r.Id), SUM(r.State = 'Succeeded'), MIN(r.ExecutedBy)
            FROM events e LEFT JOIN runs r ON r.EventSeq = e.Seq GROUP BY e.Seq
            """);
        Assert.Equal(accepted.Count, events.Count);
        Assert.Equal(accepted.OrderBy(i => i, StringComparer.Ordinal), events.Select(e => (string)e[0]!).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.True((long)e[1]! == 1 && (long)e[2]! == 1, $"event {e[0]}: {e[1]} run(s), {e[2]} succeeded"));
        Assert.Equal(accepted.Count, long.Parse(SqliteFile.Scalar(db, "SELECT COUNT(*) FROM runs")!));
        var executedBy = events.GroupBy(e => e[3] as string ?? "(none)").ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"runs by instance: {string.Join(", ", executedBy.Select(p => $"{p.Key}={p.Value}"))}");
        foreach (var (name, host) in new[] { ("owner", Owner), ("worker", Worker) })
        {
            var puller = host.Services.GetRequiredService<JetStreamWorker>();
            output.WriteLine($"{name}: {puller.Messages} work message(s) handled, {puller.Claimed} run(s) claimed from them");
        }

        var publisher = Owner.Services.GetRequiredService<JetStreamPublisher>();
        output.WriteLine($"owner published {publisher.Published} work message(s), {publisher.Duplicates} duplicate(s), {publisher.Failed} failed, {publisher.Skipped} skipped");
        Assert.Equal(["owner", "worker"], executedBy.Keys.Order(StringComparer.Ordinal));

        var search = JsonNode.Parse(await ownerApi.GetStringAsync("/api/events?take=1"))!;
        Assert.Equal(accepted.Count, search["total"]!.GetValue<long>());
        using var workerDb = SqliteFile.Open(Worker.DatabasePath);
        Assert.Equal("0", SqliteFile.Scalar(workerDb, "SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public async Task WorkerGetsSameEventTwice_SecondPostAnsweredDuplicate()
    {
        using var ownerApi = Owner.CreateBearerClient(Token);
        await new RunsApi(ownerApi).CreateWorkflowAsync(Route, Route, """[{"name":"note","type":"log","settings":{"message":"again {{ event.data.id }}"}}]""");
        await UntilDispatchAsync(Worker, DispatchMode.Nats, TimeSpan.FromSeconds(60));
        var sender = new ScaleOutSender(Worker.BaseAddress, Route, Patience);
        Assert.True(await sender.SendAsync("twice", CancellationToken.None), string.Join('\n', sender.Unexpected));

        // The worker has no store: the owner's ingest stream de-duplicates, and its PubAck says so. A client retrying
        // after a lost answer gets this, so it must read as "already stored", never as the store being unavailable.
        using var client = new HttpClient { BaseAddress = Worker.BaseAddress };
        using var again = await client.PostAsync($"/hooks/{Route}", new StringContent(
            """{"specversion":"1.0","id":"twice","source":"/scale-out","type":"test.scale","datacontenttype":"application/json","data":{"id":"twice"}}""",
            System.Text.Encoding.UTF8, "application/cloudevents+json"));
        var body = await again.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(JsonNode.Parse(body)!["duplicate"]!.GetValue<bool>(), body);
        await UntilAsync(() => Count(Owner, "SELECT COUNT(*) FROM runs WHERE State = 'Succeeded'") == 1, "the event's one run", TimeSpan.FromSeconds(60));
        Assert.Equal(1L, Count(Owner, "SELECT COUNT(*) FROM events WHERE Id = 'twice'"));
    }

    [Fact]
    public async Task WorkerInstance_ServesIngestionAndStartPageOnly_OwnerListsItAsConnected()
    {
        using var worker = new HttpClient { BaseAddress = Worker.BaseAddress };

        var start = await worker.GetStringAsync("/");
        using var system = await worker.GetAsync("/system");
        using var api = await worker.GetAsync("/api/events");
        using var health = await worker.GetAsync("/healthz");

        Assert.Contains("Worker instance worker", start, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, system.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var registry = Owner.Services.GetRequiredService<IScaleOutView>();
        await UntilAsync(() => registry.Workers.Any(w => w.Instance == "worker" && !w.Lost), "the owner hears the worker's heartbeat", TimeSpan.FromSeconds(30));
        using var signedIn = await Owner.CreateSignedInClientAsync();
        var page = await signedIn.GetStringAsync("/system");
        Assert.Contains("1 connected", page, StringComparison.Ordinal);
        Assert.Contains("worker (0 running)", page, StringComparison.Ordinal);
    }
}
