using System.Text.Json.Nodes;
using System.Text;
using Dashboard.Data.Events;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.Core;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>
/// NATS-source definitions (Embedded mode with a NATS URL): CloudEvents in structured and binary mode, plain messages
/// wrapped or rejected per definition, each answered on the reply subject and recorded in the ledger.
/// </summary>
public sealed class NatsSourceTests : IAsyncLifetime
{
    private NatsTestServer _nats = null!;
    private DashboardHost _host = null!;
    private RunsApi _api = null!;
    private NatsConnection _client = null!;
    private long _workflowId;

    public async Task InitializeAsync()
    {
        _nats = await NatsTestServer.StartNewAsync();
        _host = await StartHostAsync(new Dictionary<string, string> { ["Eventing:Nats:Url"] = _nats.Url });
        _api = new RunsApi(_host.CreateBearerClient(Token));
        _workflowId = await _api.SaveWorkflowAsync("nats-flow", """[{"name":"note","type":"log","settings":{"message":"got {{ event.id }}"}}]""", null);
        await CreateNatsDefinitionAsync(_api.Client, "orders.nats", "src.orders", wrap: true, "nats-flow", typeFilter: "com.example.order");
        await CreateNatsDefinitionAsync(_api.Client, "strict.nats", "src.strict", wrap: false, "nats-flow");
        var sources = _host.Services.GetRequiredService<NatsEventSources>();
        await UntilAsync(() => sources.Count == 2, "two NATS sources subscribed");
        _client = new NatsConnection(new NatsOpts { Url = _nats.Url });
        await _client.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _api.Client.Dispose();
        await _host.DisposeAsync();
        await _nats.DisposeAsync();
    }

    [Fact]
    public async Task Request_StructuredCloudEvent_AcceptedRepliedAndRun()
    {
        var reply = await RequestAsync("src.orders",
            """{"specversion":"1.0","id":"s-1","source":"/shop","type":"com.example.order","data":{"total":5}}""");

        Assert.Equal(202, reply["status"]!.GetValue<int>());
        Assert.Equal("Accepted", Str(reply["outcome"]));
        Assert.Equal("s-1", Str(reply["id"]));
        Assert.Empty(reply["errors"]!.AsArray());
        await _api.WaitForRunAsync(_workflowId, r => Is(r, "Succeeded"));
        Assert.Equal(1, Count(_host, $"SELECT COUNT(*) FROM ({LedgerLogSql.All}) WHERE Route = 'nats:src.orders' AND Outcome = 'Accepted' AND EventId = 's-1'"));
    }

    [Fact]
    public async Task Request_BinaryCeHeaders_Accepted()
    {
        var headers = new NatsHeaders
        {
            { "ce-specversion", "1.0" }, { "ce-id", "b-1" }, { "ce-source", "/shop" }, { "ce-type", "com.example.order" },
            { "Content-Type", "application/json" },
        };

        var reply = await RequestAsync("src.orders", """{"total":7}""", headers);

        Assert.Equal(202, reply["status"]!.GetValue<int>());
        Assert.Equal("b-1", Str(reply["id"]));
        Assert.Equal(1, Count(_host, "SELECT COUNT(*) FROM events WHERE Id = 'b-1' AND Source = '/shop' AND ContentMode = 'Binary'"));
    }

    [Fact]
    public async Task Request_PlainJsonWithWrapping_WrappedWithDefinitionTypeAndSubjectSource()
    {
        var reply = await RequestAsync("src.orders", """{"plain":true}""", new NatsHeaders { { "Nats-Msg-Id", "plain-1" } });

        Assert.Equal(202, reply["status"]!.GetValue<int>());
        Assert.Equal("plain-1", Str(reply["id"]));
        Assert.Equal(1, Count(_host,
            "SELECT COUNT(*) FROM events WHERE Id = 'plain-1' AND Source = 'nats://src.orders' AND Type = 'com.example.order' AND DataIsJson = 1 AND CAST(Data AS TEXT) = '{\"plain\":true}'"));
    }

    [Fact]
    public async Task Publish_PlainTextWithWrapping_StoredAsBinaryData()
    {
        await _client.PublishAsync("src.orders", Encoding.UTF8.GetBytes("not json at all"), new NatsHeaders { { "Nats-Msg-Id", "text-1" } });

        await UntilAsync(() => Count(_host, "SELECT COUNT(*) FROM events WHERE Id = 'text-1'") == 1, "the wrapped text event stored");
        Assert.Equal(1, Count(_host, "SELECT COUNT(*) FROM events WHERE Id = 'text-1' AND DataIsJson = 0 AND CAST(Data AS TEXT) = 'not json at all'"));
    }

    [Fact]
    public async Task Request_PlainMessageWithoutWrapping_RejectedInvalidWithLedgerAndActivity()
    {
        var reply = await RequestAsync("src.strict", """{"plain":true}""");

        Assert.Equal(400, reply["status"]!.GetValue<int>());
        Assert.Equal("RejectedInvalid", Str(reply["outcome"]));
        Assert.NotEmpty(reply["errors"]!.AsArray());
        Assert.Equal(1, Count(_host, "SELECT COUNT(*) FROM ingestion_ledger WHERE Route = 'nats:src.strict' AND Outcome = 'RejectedInvalid'"));
        Assert.Equal(1, Count(_host, $"SELECT COUNT(*) FROM activity WHERE WorkflowId = {_workflowId} AND Kind = 'rejected-invalid'"));
    }

    [Fact]
    public async Task Publish_GarbageThenValid_SubscriptionKeepsWorking()
    {
        await _client.PublishAsync("src.strict", new byte[] { 0xff, 0x00, 0x13 });
        var reply = await RequestAsync("src.strict", """{"specversion":"1.0","id":"after-garbage","source":"/x","type":"t"}""");

        Assert.Equal(202, reply["status"]!.GetValue<int>());
        await UntilAsync(() => Count(_host, "SELECT COUNT(*) FROM ingestion_ledger WHERE Route = 'nats:src.strict' AND Outcome = 'RejectedInvalid'") == 1,
            "the garbage message ledgered");
    }

    private async Task<JsonNode> RequestAsync(string subject, string body, NatsHeaders? headers = null)
    {
        var msg = await _client.RequestAsync<byte[], byte[]>(subject, Encoding.UTF8.GetBytes(body), headers,
            replyOpts: new NatsSubOpts { Timeout = TimeSpan.FromSeconds(10) });
        return JsonNode.Parse(msg.Data)!;
    }
}
