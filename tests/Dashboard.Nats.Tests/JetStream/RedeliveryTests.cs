using System.Diagnostics;
using Dashboard.Nats.JetStream;
using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.JetStream;

public sealed class RedeliveryTests(JetStreamServerFixture fixture) : IClassFixture<JetStreamServerFixture>
{
    [Fact]
    public async Task NakAsync_WithDelay_RedeliveredOnlyAfterDelay()
    {
        await using var context = await JetStreamTestContext.CreateAsync(fixture);
        await context.Js.PublishAsync(context.Subject, "retry-me"u8.ToArray());
        var first = Assert.Single(await context.FetchAsync(1));

        await first.NakAsync(TimeSpan.FromMilliseconds(800));
        var watch = Stopwatch.StartNew();
        var early = await context.FetchAsync(1, TimeSpan.FromMilliseconds(300));
        var again = Assert.Single(await context.FetchAsync(1, TimeSpan.FromSeconds(3)));

        Assert.Empty(early);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(600), $"redelivered after {watch.Elapsed}");
        Assert.Equal(2UL, again.Metadata!.NumDelivered);
        Assert.Equal(first.Metadata!.StreamSequence, again.Metadata.StreamSequence);
        await again.AckAndWaitAsync();
    }

    [Fact]
    public async Task TermAsync_TerminatedMessage_IsNotRedelivered()
    {
        await using var context = await JetStreamTestContext.CreateAsync(
            fixture, config => config with { AckWait = TimeSpan.FromMilliseconds(500) });
        await context.Js.PublishAsync(context.Subject, "poison"u8.ToArray());
        var msg = Assert.Single(await context.FetchAsync(1));

        await msg.TermAsync();
        var after = await context.FetchAsync(1, TimeSpan.FromMilliseconds(1200));

        Assert.Empty(after);
    }

    [Fact]
    public async Task FetchAsync_AckWaitElapsedWithoutAck_MessageRedelivered()
    {
        await using var context = await JetStreamTestContext.CreateAsync(
            fixture, config => config with { AckWait = TimeSpan.FromMilliseconds(600) });
        await context.Js.PublishAsync(context.Subject, "slow"u8.ToArray());
        var first = Assert.Single(await context.FetchAsync(1));

        await first.InProgressAsync();
        var again = Assert.Single(await context.FetchAsync(1, TimeSpan.FromSeconds(3)));

        Assert.Equal(2UL, again.Metadata!.NumDelivered);
        Assert.Equal(first.Metadata!.StreamSequence, again.Metadata.StreamSequence);
    }

    [Fact]
    public async Task SubscribeMaxDeliveriesAdvisoriesAsync_MessageNakedMaxDeliverTimes_AdvisoryParsed()
    {
        await using var context = await JetStreamTestContext.CreateAsync(fixture, config => config with { MaxDeliver = 2 });
        await using var advisories = await context.Js.SubscribeMaxDeliveriesAdvisoriesAsync(context.Stream, context.Consumer);
        var ack = await context.Js.PublishAsync(context.Subject, "fails"u8.ToArray());

        var deliveries = 0;
        while (advisories.Msgs.Count == 0 && deliveries < 10)
        {
            foreach (var msg in await context.FetchAsync(1, TimeSpan.FromMilliseconds(300)))
            {
                deliveries++;
                await msg.NakAsync();
            }
        }

        var advisory = MaxDeliveriesAdvisory.Parse(await Eventually.NextAsync(advisories));
        Assert.Equal(2, deliveries);
        Assert.Equal(context.Stream, advisory.Stream);
        Assert.Equal(context.Consumer, advisory.Consumer);
        Assert.Equal(ack.Sequence, advisory.StreamSeq);
        Assert.Equal(2, advisory.Deliveries);
        Assert.Equal("io.nats.jetstream.advisory.v1.max_deliver", advisory.Type);
    }
}
