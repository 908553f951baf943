using System.Diagnostics;
using Dashboard.Nats.JetStream;
using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.JetStream;

public sealed class PullConsumerTests(JetStreamServerFixture fixture) : IClassFixture<JetStreamServerFixture>
{
    [Fact]
    public async Task FetchAsync_PublishedMessages_ReturnsBatchWithMetadataAndAckClearsPending()
    {
        await using var context = await JetStreamTestContext.CreateAsync(fixture);
        var headers = new NatsHeaders { { "Ce-Type", "demo" } };
        for (var i = 0; i < 5; i++)
        {
            await context.Js.PublishAsync(context.Subject, BitConverter.GetBytes(i), headers);
        }

        var batch = await context.FetchAsync(3);
        foreach (var msg in batch)
        {
            await msg.AckAsync();
        }

        Assert.Equal(3, batch.Count);
        var meta = batch[0].Metadata!;
        Assert.Equal(context.Stream, meta.Stream);
        Assert.Equal(context.Consumer, meta.Consumer);
        Assert.Equal(1UL, meta.NumDelivered);
        Assert.Equal(1UL, meta.StreamSequence);
        Assert.Equal(4UL, meta.NumPending);
        Assert.Equal("demo", batch[0].Headers?["Ce-Type"]);
        Assert.Equal(2, BitConverter.ToInt32(batch[2].Data.Span));
        await Eventually.TrueAsync(
            async () => (await context.Js.GetConsumerAsync(context.Stream, context.Consumer)).NumAckPending == 0, "acks processed");
        var rest = await context.FetchAsync(10, TimeSpan.FromMilliseconds(500));
        Assert.Equal(2, rest.Count);
    }

    [Fact]
    public async Task FetchAsync_NoWaitOnEmptyConsumer_ReturnsEmptyAtOnce()
    {
        await using var context = await JetStreamTestContext.CreateAsync(fixture);
        var watch = Stopwatch.StartNew();

        var batch = await context.Js.FetchAsync(context.Stream, context.Consumer, new FetchOptions { MaxMessages = 5, NoWait = true });

        Assert.Empty(batch);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task FetchAsync_NoWaitWithFewerMessages_ReturnsThemAtOnce()
    {
        await using var context = await JetStreamTestContext.CreateAsync(fixture);
        await context.Js.PublishAsync(context.Subject, "1"u8.ToArray());
        await context.Js.PublishAsync(context.Subject, "2"u8.ToArray());
        var watch = Stopwatch.StartNew();

        var batch = await context.Js.FetchAsync(context.Stream, context.Consumer, new FetchOptions { MaxMessages = 5, NoWait = true });

        Assert.Equal(2, batch.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task FetchAsync_ExpiresWithHeartbeats_ReturnsEmptyAfterExpiry()
    {
        await using var context = await JetStreamTestContext.CreateAsync(fixture);
        var watch = Stopwatch.StartNew();

        var batch = await context.Js.FetchAsync(context.Stream, context.Consumer, new FetchOptions
        {
            MaxMessages = 5,
            Expires = TimeSpan.FromMilliseconds(1200),
            IdleHeartbeat = TimeSpan.FromMilliseconds(300),
        });

        Assert.Empty(batch);
        // Returns once the request expires (1.2 s): not at once, and not hanging; the upper bound leaves room for a busy machine.
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(1000), TimeSpan.FromSeconds(5));
    }
}
