using Dashboard.Runtime.Nats.Advisories;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Dashboard.IntegrationTests.Eventing;

/// <summary>The MAX_DELIVERIES advisory as a real nats-server sends it, read by the module's parser.</summary>
public sealed class AdvisoryTests
{
    [Fact]
    public async Task MaxDeliveriesAdvisory_MessageNeverAcked_ServerAdvisoryParsed()
    {
        await using var server = await NatsTestServer.StartNewAsync();
        await using var connection = new NatsConnection(new NatsOpts { Url = server.Url });
        var jetStream = new NatsJSContext(connection);
        await jetStream.CreateStreamAsync(new StreamConfig("ADV", ["adv.>"]));
        var consumer = await jetStream.CreateOrUpdateConsumerAsync("ADV", new ConsumerConfig("adv-consumer")
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = TimeSpan.FromSeconds(1), MaxDeliver = 2,
        });
        await using var advisories = await connection.SubscribeCoreAsync<byte[]>(MaxDeliveriesAdvisory.Subject("ADV", "adv-consumer"));
        (await jetStream.PublishAsync("adv.one", "payload"u8.ToArray())).EnsureSuccess();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var deliveries = 0;
        while (!advisories.Msgs.TryPeek(out _) && !timeout.IsCancellationRequested)
        {
            // Fetch without acknowledging, so each delivery times out until max_deliver is reached.
            await foreach (var _ in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 1, Expires = TimeSpan.FromSeconds(2) }, cancellationToken: timeout.Token))
            {
                deliveries++;
            }
        }

        var advisory = MaxDeliveriesAdvisory.Parse((await advisories.Msgs.ReadAsync(timeout.Token)).Data!);

        Assert.Equal(2, deliveries);
        Assert.Equal("ADV", advisory.Stream);
        Assert.Equal("adv-consumer", advisory.Consumer);
        Assert.Equal(1UL, advisory.StreamSeq);
        Assert.Equal(2, advisory.Deliveries);
    }
}
