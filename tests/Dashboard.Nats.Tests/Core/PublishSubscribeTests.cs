using System.Text;
using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.Core;

public sealed class PublishSubscribeTests(JetStreamServerFixture fixture) : IClassFixture<JetStreamServerFixture>
{
    [Fact]
    public async Task PublishAsync_WithHeaders_SubscriberReceivesHeadersAndPayload()
    {
        await using var connection = await fixture.ConnectAsync();
        var subject = TestOptions.Unique("hdr.");
        await using var subscription = await connection.SubscribeAsync(subject);
        var headers = new NatsHeaders { { "Ce-Id", "42" }, { "X-Multi", "a" }, { "X-Multi", "b" } };

        await connection.PublishAsync(subject, Encoding.UTF8.GetBytes("héllo"), headers, replyTo: "reply.here");

        var msg = await Eventually.NextAsync(subscription);
        Assert.Equal(subject, msg.Subject);
        Assert.Equal("reply.here", msg.ReplyTo);
        Assert.Equal("héllo", Encoding.UTF8.GetString(msg.Data.Span));
        Assert.Equal("42", msg.Headers?["ce-id"]);
        Assert.Equal(["a", "b"], msg.Headers!.GetAll("X-Multi"));
        Assert.Null(msg.StatusCode);
    }

    [Fact]
    public async Task SubscribeAsync_QueueGroup_EachMessageGoesToExactlyOneMember()
    {
        await using var connection = await fixture.ConnectAsync();
        var subject = TestOptions.Unique("queue.");
        await using var first = await connection.SubscribeAsync(subject, "workers");
        await using var second = await connection.SubscribeAsync(subject, "workers");
        await using var plain = await connection.SubscribeAsync(subject);

        for (var i = 0; i < 200; i++)
        {
            await connection.PublishAsync(subject, BitConverter.GetBytes(i));
        }

        await Eventually.TrueAsync(() => plain.ReceivedCount == 200, "plain subscriber got all messages");
        await Eventually.TrueAsync(() => first.ReceivedCount + second.ReceivedCount == 200, "queue group got all messages");
        await connection.FlushAsync();
        Assert.Equal(200, first.ReceivedCount + second.ReceivedCount);
        Assert.True(first.ReceivedCount > 0 && second.ReceivedCount > 0, "both members should get a share");
    }

    [Fact]
    public async Task UnsubscribeAsync_AfterUnsubscribe_ChannelCompletesAndNoMoreMessages()
    {
        await using var connection = await fixture.ConnectAsync();
        var subject = TestOptions.Unique("unsub.");
        var subscription = await connection.SubscribeAsync(subject);
        await connection.PublishAsync(subject, "1"u8.ToArray());
        await Eventually.NextAsync(subscription);

        await subscription.UnsubscribeAsync();
        await connection.PublishAsync(subject, "2"u8.ToArray());
        await connection.FlushAsync();

        await subscription.Msgs.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, subscription.ReceivedCount);
    }

    [Fact]
    public async Task PublishAsync_OverMaxPayload_ThrowsClearExceptionAndConnectionStaysUsable()
    {
        await using var connection = await fixture.ConnectAsync();
        var max = connection.ServerInfo!.MaxPayload;

        var error = await Assert.ThrowsAsync<NatsPayloadTooLargeException>(
            async () => await connection.PublishAsync("too.big", new byte[max + 1]));

        Assert.Contains("max_payload", error.Message, StringComparison.Ordinal);
        Assert.Equal(max, error.MaxPayload);
        await connection.FlushAsync();
        Assert.Equal(NatsConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task SubscribeAsync_SlowConsumer_DropsAndCountsAndReports()
    {
        await using var connection = await fixture.ConnectAsync();
        var subject = TestOptions.Unique("slow.");
        var reported = 0;
        connection.SlowConsumer += (_, _) => Interlocked.Increment(ref reported);
        await using var subscription = await connection.SubscribeAsync(subject, capacity: 10);

        for (var i = 0; i < 1000; i++)
        {
            await connection.PublishAsync(subject, "x"u8.ToArray());
        }

        await Eventually.TrueAsync(() => subscription.ReceivedCount + subscription.DroppedCount == 1000, "all messages counted");
        Assert.Equal(10, subscription.ReceivedCount);
        Assert.Equal(990, subscription.DroppedCount);
        Assert.Equal(1, Volatile.Read(ref reported));
    }

    [Fact]
    public async Task PublishAsync_FiftyThousandMessages_AllDeliveredInOrder()
    {
        await using var publisher = await fixture.ConnectAsync();
        await using var receiver = await fixture.ConnectAsync();
        var subject = TestOptions.Unique("bulk.");
        const int count = 50_000;
        await using var subscription = await receiver.SubscribeAsync(subject, capacity: count);

        var payload = new byte[128];
        for (var i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(payload, i);
            await publisher.PublishAsync(subject, payload.ToArray());
        }

        await Eventually.TrueAsync(() => subscription.ReceivedCount == count, "all bulk messages", TimeSpan.FromSeconds(20));
        var expected = 0;
        while (subscription.Msgs.TryRead(out var msg))
        {
            Assert.Equal(expected++, BitConverter.ToInt32(msg.Data.Span));
        }

        Assert.Equal(count, expected);
    }
}
