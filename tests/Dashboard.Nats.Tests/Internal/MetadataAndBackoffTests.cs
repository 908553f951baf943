using Dashboard.Nats.Internal;
using Dashboard.Nats.JetStream;

namespace Dashboard.Nats.Tests.Internal;

public sealed class MetadataAndBackoffTests
{
    [Fact]
    public void TryParse_V1AckSubject_ReadsAllFields()
    {
        Assert.True(NatsJsMsgMetadata.TryParse("$JS.ACK.ORDERS.worker.3.42.17.1700000000123456789.5", out var meta));

        Assert.Equal("ORDERS", meta!.Stream);
        Assert.Equal("worker", meta.Consumer);
        Assert.Equal(3UL, meta.NumDelivered);
        Assert.Equal(42UL, meta.StreamSequence);
        Assert.Equal(17UL, meta.ConsumerSequence);
        Assert.Equal(5UL, meta.NumPending);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), meta.Timestamp.AddTicks(-(meta.Timestamp.Ticks % TimeSpan.TicksPerMillisecond)));
        Assert.Null(meta.Domain);
    }

    [Fact]
    public void TryParse_V2AckSubjectWithDomain_ReadsStreamAfterAccountHash()
    {
        Assert.True(NatsJsMsgMetadata.TryParse("$JS.ACK.hub.ACCHASH.ORDERS.worker.1.2.3.1700000000000000000.0.rnd", out var meta));

        Assert.Equal("hub", meta!.Domain);
        Assert.Equal("ORDERS", meta.Stream);
        Assert.Equal(2UL, meta.StreamSequence);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("_INBOX.abc")]
    [InlineData("$JS.ACK.S.C.x.2.3.4.5")]
    [InlineData("$JS.ACK.S.C.1.2")]
    public void TryParse_NotAnAckSubject_ReturnsFalse(string? reply)
    {
        Assert.False(NatsJsMsgMetadata.TryParse(reply, out _));
    }

    [Fact]
    public void Delay_GrowingAttempts_StaysWithinJitteredBoundsAndCap()
    {
        var options = new NatsOptions
        {
            ReconnectDelayMin = TimeSpan.FromMilliseconds(100),
            ReconnectDelayMax = TimeSpan.FromSeconds(2),
            ReconnectJitter = 0.2,
        };

        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(Backoff.Delay(options, 1).TotalMilliseconds, 80, 120);
            Assert.InRange(Backoff.Delay(options, 3).TotalMilliseconds, 320, 480);
            Assert.InRange(Backoff.Delay(options, 50).TotalMilliseconds, 1600, 2400);
        }
    }

    [Theory]
    [InlineData("Permissions Violation for Publish to \"secret.x\"", true, "secret.x", null)]
    [InlineData("Permissions Violation for Subscription to \"a.>\" using queue \"q\"", false, "a.>", "q")]
    public void TryParse_PermissionViolation_ExtractsSubjectAndQueue(string message, bool publish, string subject, string? queue)
    {
        var error = PermissionError.TryParse(message);

        Assert.Equal(new PermissionError(publish, subject, queue), error);
    }
}
