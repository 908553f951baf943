using System.Diagnostics;
using Dashboard.IntegrationTests.ScaleOut;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Testing;
using NATS.Client.Core;
using NATS.Client.JetStream;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>
/// An instance whose workers are all busy keeps no JetStream messages it cannot start: another consumer of the shared
/// durable consumer gets the rest of a burst at once, long before the ack wait would hand them over, and gets them on
/// their first delivery (nothing was taken and handed back).
/// </summary>
public sealed class NatsWorkerBackpressureTests : IAsyncLifetime
{
    private const int Workers = 2;
    private const int Events = 6;
    private NatsTestServer _nats = null!;
    private GateServer _gate = null!;
    private DashboardHost _host = null!;

    public async Task InitializeAsync()
    {
        _nats = await NatsTestServer.StartNewAsync();
        _gate = new GateServer();
        _host = await StartHostAsync(new Dictionary<string, string>
        {
            ["Eventing:Mode"] = "Nats",
            ["Eventing:Nats:Url"] = _nats.Url,
            ["Eventing:Nats:FallbackAfterSeconds"] = "300",
            ["Eventing:Nats:AckWaitSeconds"] = "120",
            ["Workflows:Workers"] = $"{Workers}",
        });
        await UntilDispatchAsync(_host, DispatchMode.Nats);
    }

    public async Task DisposeAsync()
    {
        _gate.Open();
        await _host.DisposeAsync();
        await _gate.DisposeAsync();
        await _nats.DisposeAsync();
    }

    [Fact]
    public async Task Pull_EveryWorkerBusy_RestOfBurstGoesToAnotherConsumerOnFirstDelivery()
    {
        using var client = _host.CreateBearerClient(Token);
        var api = new RunsApi(client);
        var steps = $$$"""[{"name":"wait","type":"http","settings":{"method":"GET","url":"{{{_gate.Url}}}","timeoutSeconds":300}}]""";
        await api.CreateWorkflowAsync("held", "held", steps);
        for (var i = 0; i < Events; i++)
        {
            await api.SendAsync("held", $"held-{i}", "{}");
        }

        await UntilAsync(() => _gate.Requests == Workers, "both workers held at the gate", TimeSpan.FromSeconds(60));

        // The other consumer asks for everything; the instance must not be sitting on any of it.
        await using var connection = new NatsConnection(new NatsOpts { Url = _nats.Url });
        var consumer = await new NatsJSContext(connection).GetConsumerAsync("DASHBOARD_EVENTS", "dashboard-workers");
        var taken = new List<long>();
        var clock = Stopwatch.StartNew();
        while (taken.Count < Events - Workers && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var opts = new NatsJSFetchOpts { MaxMsgs = Events, Expires = TimeSpan.FromSeconds(2) };
            await foreach (var message in consumer.FetchAsync<byte[]>(opts))
            {
                Assert.True(RunMessagePayload.TryReadSeq(message.Data ?? [], out var seq));
                Assert.Equal(1UL, message.Metadata?.NumDelivered);
                taken.Add(seq);
                await message.AckAsync();
            }
        }

        // Well inside the 120 s ack wait: nothing was left to expire on the instance.
        Assert.True(taken.Count == Events - Workers, $"{taken.Count} of {Events - Workers} messages in {clock.Elapsed}");
        Assert.Equal(Workers, Count(_host, "SELECT COUNT(*) FROM runs WHERE State = 'Running'"));
        var queued = Count(_host, $"SELECT COUNT(*) FROM runs WHERE State = 'Queued' AND EventSeq IN ({string.Join(',', taken)})");
        Assert.Equal(Events - Workers, queued);
    }
}
