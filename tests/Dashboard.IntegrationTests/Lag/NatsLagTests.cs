using System.Text;
using Dashboard.IntegrationTests.Eventing;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Testing;
using Dashboard.Web.Features.EventDefinitions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;
using static Dashboard.IntegrationTests.Lag.LagTestKit;

namespace Dashboard.IntegrationTests.Lag;

/// <summary>
/// NATS source lag from a real nats-server: a JetStream source's durable consumer reports num_pending, which grows while
/// the source is stopped and falls after; a core subject says n/a; the lag gauge is scraped from /metrics.
/// </summary>
[Collection(nameof(Dashboard.IntegrationTests.Telemetry.ScrapedMetricsCollection))]
public sealed class NatsLagTests : IAsyncLifetime
{
    private const string Stream = "LAG_IN";
    private NatsTestServer _nats = null!;
    private DashboardHost _host = null!;
    private HttpClient _client = null!;
    private NatsConnection _publisher = null!;

    public async Task InitializeAsync()
    {
        _nats = await NatsTestServer.StartNewAsync();
        _publisher = new NatsConnection(new NatsOpts { Url = _nats.Url });
        await _publisher.ConnectAsync();
        await new NatsJSContext(_publisher).CreateStreamAsync(new StreamConfig(Stream, ["lag.>"]));
        _host = await StartHostAsync(new Dictionary<string, string> { ["Eventing:Nats:Url"] = _nats.Url });
        _client = _host.CreateBearerClient(Token);
        await new RunsApi(_client).SaveWorkflowAsync("lag-flow", """[{"name":"note","type":"log","settings":{"message":"got {{ event.id }}"}}]""", null);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _publisher.DisposeAsync();
        await _host.DisposeAsync();
        await _nats.DisposeAsync();
    }

    [Fact]
    public async Task ConsumerLag_JetStreamSourceStoppedThenStarted_PendingGrowsThenFallsAndTheGaugeIsScraped()
    {
        await CreateNatsDefinitionAsync(_client, "lag.js", "lag.orders", wrap: false, "lag-flow", stream: Stream);
        var id = Count(_host, "SELECT Id FROM event_definitions WHERE Key = 'lag.js'");
        var consumer = JetStreamSourceReader.ConsumerName(id);
        await UntilAsync(async () => await PendingAsync(_client, id) == 0, "the source's consumer bound", TimeSpan.FromSeconds(30));

        await SetEnabledAsync(_client, id, false);
        var sentinels = await UntilReaderStoppedAsync(id);
        for (var i = 0; i < 25; i++)
        {
            await PublishAsync($$$"""{"specversion":"1.0","id":"lag-{{{i}}}","source":"/shop","type":"com.example.order","data":{"n":{{{i}}}}}""");
        }

        // Stopped: the durable consumer keeps its place, so everything published since is pending on it.
        await UntilAsync(async () => await PendingAsync(_client, id) == 25 + sentinels, "25 pending on the durable consumer", TimeSpan.FromSeconds(30));
        var stopped = await LagAsync(_client, id);
        Assert.Equal(consumer, stopped["lag"]!["consumer"]!.GetValue<string>());
        Assert.Equal(0, Count(_host, "SELECT COUNT(*) FROM events WHERE Id LIKE 'lag-%'"));

        await SetEnabledAsync(_client, id, true);
        await UntilAsync(() => Count(_host, "SELECT COUNT(*) FROM events WHERE Id LIKE 'lag-%'") == 25, "the 25 messages stored", TimeSpan.FromSeconds(60));
        await UntilAsync(async () => await LagAsync(_client, id) is { } lag && lag["lag"]?["pending"]?.GetValue<long>() == 0
                                                                               && lag["lag"]?["ackPending"]?.GetValue<long>() == 0,
            "nothing pending or awaiting an ack", TimeSpan.FromSeconds(30));

        var metrics = "";
        await UntilAsync(async () =>
        {
            metrics = await _client.GetStringAsync("/metrics");
            return Gauge(metrics, "nats", consumer, "pending") == 0 && Gauge(metrics, "nats", consumer, "ack_pending") == 0;
        }, "the nats lag gauge for the source's consumer", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task ConsumerLag_CoreSubject_SaysNotApplicable()
    {
        await CreateNatsDefinitionAsync(_client, "lag.core", "core.orders", wrap: false, "lag-flow");

        var lag = await LagAsync(_client, Count(_host, "SELECT Id FROM event_definitions WHERE Key = 'lag.core'"));

        Assert.True(lag["applies"]!.GetValue<bool>());
        Assert.Null(lag["lag"]);
        Assert.Equal(SourceLagQuery.CoreNatsNote, lag["note"]!.GetValue<string>());
    }

    /// <summary>
    /// Disabling stops the source's reader a moment after the API answers: sentinel messages are published until one
    /// stays unstored for two seconds. Returns how many sentinels are pending (that one).
    /// </summary>
    private async Task<int> UntilReaderStoppedAsync(long definitionId)
    {
        for (var k = 0; k < 15; k++)
        {
            await PublishAsync($$$"""{"specversion":"1.0","id":"stop-{{{k}}}","source":"/shop","type":"com.example.order","data":{"n":0}}""");
            await Task.Delay(TimeSpan.FromSeconds(2));
            if (Count(_host, $"SELECT COUNT(*) FROM events WHERE Id = 'stop-{k}'") == 0 && await PendingAsync(_client, definitionId) == 1)
            {
                return 1;
            }
        }

        throw new TimeoutException("The disabled source kept consuming.");
    }

    private async Task PublishAsync(string body)
    {
        var ack = await new NatsJSContext(_publisher).PublishAsync("lag.orders", Encoding.UTF8.GetBytes(body));
        ack.EnsureSuccess();
    }
}
