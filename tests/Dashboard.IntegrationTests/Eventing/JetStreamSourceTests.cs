using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Testing;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>
/// NATS-source definitions that name a JetStream stream: messages stored in the stream before the definition existed are
/// read through a durable consumer, each stored once and acknowledged; refused messages are ledgered and not redelivered.
/// </summary>
public sealed class JetStreamSourceTests : IAsyncLifetime
{
    private const string Stream = "ORDERS_IN";
    private NatsTestServer _nats = null!;
    private DashboardHost _host = null!;
    private RunsApi _api = null!;
    private NatsConnection _client = null!;
    private NatsJSContext _jetStream = null!;

    public async Task InitializeAsync()
    {
        _nats = await NatsTestServer.StartNewAsync();
        _client = new NatsConnection(new NatsOpts { Url = _nats.Url });
        await _client.ConnectAsync();
        _jetStream = new NatsJSContext(_client);
        await _jetStream.CreateStreamAsync(new StreamConfig(Stream, ["js.>"]));
        _host = await StartHostAsync(new Dictionary<string, string> { ["Eventing:Nats:Url"] = _nats.Url });
        _api = new RunsApi(_host.CreateBearerClient(Token));
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _api.Client.Dispose();
        await _host.DisposeAsync();
        await _nats.DisposeAsync();
    }

    [Fact]
    public async Task MessagesStoredBeforeTheDefinition_EachIngestedOnceRunAndAcked()
    {
        // Published while no reader exists (as when the app is down): the stream keeps them.
        await PublishAsync("js.orders", """{"specversion":"1.0","id":"js-1","source":"/shop","type":"com.example.order","data":{"n":1}}""");
        await PublishAsync("js.orders", """{"plain":"no id"}""");
        await PublishAsync("js.orders", "text with an id", new NatsHeaders { { "Nats-Msg-Id", "js-3" } });
        await PublishAsync("js.other", """{"specversion":"1.0","id":"other-1","source":"/x","type":"t"}""");

        var workflowId = await _api.SaveWorkflowAsync("js-flow", """[{"name":"note","type":"log","settings":{"message":"got {{ event.id }}"}}]""", null);
        await CreateNatsDefinitionAsync(_api.Client, "orders.js", "js.orders", wrap: true, "js-flow", typeFilter: "com.example.order", stream: Stream);
        var consumer = JetStreamSourceReader.ConsumerName(DefinitionId("orders.js"));

        await UntilAsync(() => Count(_host, "SELECT COUNT(*) FROM events") == 3, "the three messages on js.orders stored");
        await UntilAsync(() => Count(_host, $"SELECT COUNT(*) FROM runs WHERE WorkflowId = {workflowId} AND State = 'Succeeded'") == 3,
            "three runs succeeded");
        await UntilAsync(async () => (await _jetStream.GetConsumerAsync(Stream, consumer)).Info.AckFloor.StreamSeq >= 3, "all three acknowledged");

        Assert.Equal(1, Count(_host, "SELECT COUNT(*) FROM events WHERE Id = 'js-1'"));
        Assert.Equal(1, Count(_host, "SELECT COUNT(*) FROM events WHERE Id = 'js-3' AND Source = 'nats://js.orders'"));

        // The message without an id is wrapped with the stream sequence as its id, so a redelivery would be a duplicate.
        Assert.Equal(1, Count(_host, $"SELECT COUNT(*) FROM events WHERE Id = '{Stream}-2' AND Type = 'com.example.order'"));
        Assert.Equal(0, Count(_host, "SELECT COUNT(*) FROM events WHERE Id = 'other-1'"));
        var info = (await _jetStream.GetConsumerAsync(Stream, consumer)).Info;
        Assert.Equal(0, info.NumAckPending);
        Assert.Equal(0UL, info.NumPending);
        Assert.Equal("js.orders", info.Config.FilterSubject);

        // The System page lists the source's consumer.
        var listed = Assert.Single((await StatusAsync(_host)).SourceConsumers);
        Assert.Equal(("orders.js", Stream, "js.orders", 0UL, (string?)null), (listed.Key, listed.Stream, listed.Subject, listed.Consumer!.NumPending, listed.Error));

        // A message published while the reader runs arrives too.
        await PublishAsync("js.orders", """{"specversion":"1.0","id":"js-5","source":"/shop","type":"com.example.order"}""");
        await UntilAsync(() => Count(_host, "SELECT COUNT(*) FROM events WHERE Id = 'js-5'") == 1, "the live message stored");
    }

    [Fact]
    public async Task RefusedMessage_LedgeredAndAcknowledgedNotRedelivered()
    {
        await _api.SaveWorkflowAsync("strict-flow", """[{"name":"note","type":"log","settings":{"message":"x"}}]""", null);
        await CreateNatsDefinitionAsync(_api.Client, "strict.js", "js.strict", wrap: false, "strict-flow", stream: Stream);
        var consumer = JetStreamSourceReader.ConsumerName(DefinitionId("strict.js"));

        await PublishAsync("js.strict", """{"not":"a cloudevent"}""");
        await PublishAsync("js.strict", """{"specversion":"1.0","id":"ok-1","source":"/x","type":"t"}""");

        await UntilAsync(() => Count(_host, "SELECT COUNT(*) FROM events WHERE Id = 'ok-1'") == 1, "the valid message stored");
        await UntilAsync(async () => (await _jetStream.GetConsumerAsync(Stream, consumer)).Info.AckFloor.StreamSeq >= 2, "both acknowledged");
        Assert.Equal(1, Count(_host, "SELECT COUNT(*) FROM ingestion_ledger WHERE Route = 'nats:js.strict' AND Outcome = 'RejectedInvalid'"));
        var info = (await _jetStream.GetConsumerAsync(Stream, consumer)).Info;
        Assert.Equal(0, info.NumRedelivered);
        Assert.Equal(0, info.NumAckPending);
    }

    [Fact]
    public async Task MissingStream_ShownOnTheSystemStatusAndReadOnceCreated()
    {
        await _api.SaveWorkflowAsync("late-flow", """[{"name":"note","type":"log","settings":{"message":"x"}}]""", null);
        await CreateNatsDefinitionAsync(_api.Client, "late.js", "late.orders", wrap: true, "late-flow", stream: "LATE");

        await UntilAsync(async () => (await StatusAsync(_host)).SourceConsumers is [{ Error: { } error }] && error.Contains("stream not found", StringComparison.OrdinalIgnoreCase),
            "the missing stream reported");

        await _jetStream.CreateStreamAsync(new StreamConfig("LATE", ["late.>"]));
        await _jetStream.PublishAsync("late.orders", Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"late-1","source":"/x","type":"t"}"""));
        await UntilAsync(() => Count(_host, "SELECT COUNT(*) FROM events WHERE Id = 'late-1'") == 1, "read once the stream exists", TimeSpan.FromSeconds(30));
        await UntilAsync(async () => (await StatusAsync(_host)).SourceConsumers is [{ Error: null, Consumer: not null }], "the problem cleared");
    }

    [Fact]
    public async Task BadStreamName_RefusedWithFieldError()
    {
        await _api.SaveWorkflowAsync("bad-flow", """[{"name":"note","type":"log","settings":{"message":"x"}}]""", null);
        using var response = await _api.Client.PostAsJsonAsync("/api/event-definitions", new
        {
            key = "bad.js", sourceKind = "Nats", natsSubject = "js.bad", natsStream = "has.dots", authMode = "Public",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("natsStream", await response.Content.ReadAsStringAsync());
    }

    private long DefinitionId(string key) => Count(_host, $"SELECT Id FROM event_definitions WHERE Key = '{key}'");

    private async Task PublishAsync(string subject, string body, NatsHeaders? headers = null)
    {
        var ack = await _jetStream.PublishAsync(subject, Encoding.UTF8.GetBytes(body), headers: headers);
        Assert.Equal(Stream, ack.Stream);
    }
}
