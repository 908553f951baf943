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
    public async Task PostSyncEvent_NatsMode_AnswersWithRespondBodyThroughJetStream()
    {
        await _api.CreateAsync("nats-quote", """[{"name":"answer","type":"respond","settings":{"body":{"id":"{{ event.data.id }}","via":"jetstream"}}}]""");
        var claimedBefore = _host.Services.GetRequiredService<JetStreamWorker>().Claimed;

        var (status, body, text) = await _api.SendAsync("nats-quote", "n-1", """{"id":"x-7"}""");
        var retry = await _api.SendAsync("nats-quote", "n-1", """{"id":"x-7"}""");

        Assert.True(status == 200, text);
        Assert.Equal("""{"id":"x-7","via":"jetstream"}""", body!.ToJsonString());
        Assert.True(_host.Services.GetRequiredService<JetStreamWorker>().Claimed > claimedBefore);
        Assert.Equal(1L, (await StreamAsync(_nats.Url)).State.Messages);
        Assert.True(retry.Status == 200, retry.Text);
        Assert.Equal(body.ToJsonString(), retry.Body!.ToJsonString());
    }
}
