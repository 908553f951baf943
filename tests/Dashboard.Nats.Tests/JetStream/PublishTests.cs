using Dashboard.Nats.JetStream;
using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.JetStream;

public sealed class PublishTests(JetStreamServerFixture fixture) : IClassFixture<JetStreamServerFixture>
{
    [Fact]
    public async Task PublishAsync_SameMsgIdTwice_SecondAckIsDuplicate()
    {
        await using var context = await JetStreamTestContext.CreateAsync(fixture);

        var first = await context.Js.PublishAsync(context.Subject, "a"u8.ToArray(), msgId: "event-1");
        var second = await context.Js.PublishAsync(context.Subject, "a"u8.ToArray(), msgId: "event-1");
        var third = await context.Js.PublishAsync(context.Subject, "b"u8.ToArray(), msgId: "event-2");

        Assert.Equal(context.Stream, first.Stream);
        Assert.Equal(1UL, first.Sequence);
        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(1UL, second.Sequence);
        Assert.Equal(2UL, third.Sequence);
        Assert.Equal(2UL, (await context.Js.GetStreamAsync(context.Stream)).State.Messages);
    }

    [Fact]
    public async Task PublishAsync_ManyStartedBeforeAwaiting_AllAckedInSequence()
    {
        await using var context = await JetStreamTestContext.CreateAsync(fixture);

        var pending = Enumerable.Range(0, 2000)
            .Select(i => context.Js.PublishAsync(context.Subject, BitConverter.GetBytes(i)))
            .ToList();
        var acks = await Task.WhenAll(pending);

        Assert.Equal(Enumerable.Range(1, 2000).Select(i => (ulong)i), acks.Select(ack => ack.Sequence));
        Assert.DoesNotContain(acks, ack => ack.Duplicate);
    }

    [Fact]
    public async Task PublishAsync_SubjectWithoutStream_ThrowsJetStreamException()
    {
        await using var connection = await fixture.ConnectAsync();
        var js = new NatsJetStream(connection);

        var error = await Assert.ThrowsAsync<NatsJetStreamException>(() => js.PublishAsync("no.stream.here", "x"u8.ToArray()));

        Assert.Contains("no.stream.here", error.Message, StringComparison.Ordinal);
    }
}
