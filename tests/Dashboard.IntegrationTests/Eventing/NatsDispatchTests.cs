using System.Net;
using System.Text;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>Nats mode against a real nats-server: accepted events queue on JetStream and workers run them exactly once.</summary>
public sealed class NatsDispatchTests : IAsyncLifetime
{
    private NatsTestServer _nats = null!;
    private DashboardHost _host = null!;
    private RunsApi _api = null!;

    public async Task InitializeAsync()
    {
        _nats = await NatsTestServer.StartNewAsync();
        _host = await StartHostAsync(new Dictionary<string, string>
        {
            ["Eventing:Mode"] = "Nats",
            ["Eventing:Nats:Url"] = _nats.Url,
            // Long enough that only JetStream can explain a run starting within the test.
            ["Eventing:Nats:FallbackAfterSeconds"] = "300",
        });
        _api = new RunsApi(_host.CreateBearerClient(Token));
        await UntilDispatchAsync(_host, DispatchMode.Nats);
    }

    public async Task DisposeAsync()
    {
        _api.Client.Dispose();
        await _host.DisposeAsync();
        await _nats.DisposeAsync();
    }

    [Fact]
    public async Task PostEvent_NatsMode_RunSucceedsThroughJetStream()
    {
        var workflowId = await _api.CreateWorkflowAsync("js-flow", "js-flow", """[{"name":"note","type":"log","settings":{"message":"hi {{ event.data.n }}"}}]""");

        await _api.SendAsync("js-flow", "js-1", """{"n":1}""");
        await _api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));

        var stream = await StreamAsync(_nats.Url);
        Assert.Equal(1L, stream.State.Messages);
        Assert.Contains("dashboard.events.>", stream.Config.Subjects!);
        Assert.True(_host.Services.GetRequiredService<JetStreamWorker>().Claimed >= 1);
        await UntilAsync(async () => (await ConsumerAsync(_nats.Url)).NumAckPending == 0, "the message acknowledged");
        var consumer = await ConsumerAsync(_nats.Url);
        Assert.Equal(0UL, consumer.NumPending);
        Assert.Equal(1UL, consumer.AckFloor.StreamSeq);
    }

    [Fact]
    public async Task PostEvent_SameEventTwice_OneJetStreamMessageAndOneRun()
    {
        var workflowId = await _api.CreateWorkflowAsync("js-dupe", "js-dupe", """[{"name":"note","type":"log","settings":{"message":"once"}}]""");
        var body = """{"specversion":"1.0","id":"dupe-1","source":"/tests","type":"test.event","data":{}}""";

        using var first = await _api.Client.PostAsync("/hooks/js-dupe", new StringContent(body, Encoding.UTF8, "application/cloudevents+json"));
        using var second = await _api.Client.PostAsync("/hooks/js-dupe", new StringContent(body, Encoding.UTF8, "application/cloudevents+json"));
        await _api.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"));
        await UntilAsync(async () => (await ConsumerAsync(_nats.Url)).NumAckPending == 0, "the message acknowledged");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1L, (await StreamAsync(_nats.Url)).State.Messages);
        Assert.Single(await _api.RunsAsync(workflowId));
    }

    [Fact]
    public async Task SystemStatus_NatsConnected_ReportsStreamConsumerAndServer()
    {
        var status = await StatusAsync(_host);

        Assert.Equal("Nats", status.Mode);
        Assert.Equal("Connected", status.ConnectionState);
        Assert.True(status.Server?.JetStream);
        Assert.Equal("DASHBOARD_EVENTS", status.Stream?.Name);
        Assert.Equal("dashboard-workers", status.Consumer?.Name);
        Assert.Equal(1_000, status.Consumer?.MaxAckPending);
        Assert.False(status.Consumer?.AckPendingWarning);
        Assert.Contains(status.History, h => h.State == "Connected");
    }
}
