using Dashboard.IntegrationTests.Eventing;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.Sync;

/// <summary>Nats mode against a real nats-server: a sync event's run goes through JetStream and its caller still gets the answer.</summary>
public sealed class SyncNatsTests : IAsyncLifetime
{
    private NatsTestServer _nats = null!;
    private DashboardHost _host = null!;
    private SyncApi _api = null!;

    public async Task InitializeAsync()
    {
        _nats = await NatsTestServer.StartNewAsync();
        _host = await StartHostAsync(new Dictionary<string, string>
        {
            ["Eventing:Mode"] = "Nats",
            ["Eventing:Nats:Url"] = _nats.Url,
            // Long enough that only JetStream can explain the run.
            ["Eventing:Nats:FallbackAfterSeconds"] = "300",
        });
        _api = new SyncApi(new RunsApi(_host.CreateBearerClient(Token)));
        await UntilDispatchAsync(_host, DispatchMode.Nats);
    }

    public async Task DisposeAsync()
    {
        _api.Runs.Client.Dispose();
        await _host.DisposeAsync();
        await _nats.DisposeAsync();
    }

    [Fact]
    public async Task PostSyncEvent_NatsMode_AnswersWithRespondBodyAndJetStreamMessageIsConsumed()
    {
        await _api.CreateAsync("nats-quote", """[{"name":"answer","type":"respond","settings":{"body":{"id":"{{ event.data.id }}","via":"jetstream"}}}]""");
        var worker = _host.Services.GetRequiredService<JetStreamWorker>();
        var messagesBefore = worker.Messages;

        var (status, body, text) = await _api.SendAsync("nats-quote", "n-1", """{"id":"x-7"}""");
        var retry = await _api.SendAsync("nats-quote", "n-1", """{"id":"x-7"}""");

        Assert.True(status == 200, text);
        Assert.Equal("""{"id":"x-7","via":"jetstream"}""", body!.ToJsonString());
        // The event is published to the work queue as every event is; its run may be claimed ahead of the queue (sync runs
        // go first), and then the message finds it claimed and is acknowledged.
        Assert.Equal(1L, (await StreamAsync(_nats.Url)).State.Messages);
        await UntilAsync(() => worker.Messages > messagesBefore, "the event's JetStream message consumed");
        Assert.True(retry.Status == 200, retry.Text);
        Assert.Equal(body.ToJsonString(), retry.Body!.ToJsonString());
    }
}
