using System.Text;
using System.Text.Json;
using Dashboard.Runtime.Nats.Advisories;

namespace Dashboard.Tests.Nats;

public sealed class MaxDeliveriesAdvisoryTests
{
    [Fact]
    public void Parse_ServerAdvisory_ReadsStreamSequenceConsumerAndDeliveries()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"type":"io.nats.jetstream.advisory.v1.max_deliver","id":"x1","timestamp":"2026-12-04T10:00:00Z",
             "stream":"DASHBOARD_EVENTS","consumer":"dashboard-workers","stream_seq":42,"deliveries":5}
            """);

        var advisory = MaxDeliveriesAdvisory.Parse(body);

        Assert.Equal("DASHBOARD_EVENTS", advisory.Stream);
        Assert.Equal("dashboard-workers", advisory.Consumer);
        Assert.Equal(42UL, advisory.StreamSeq);
        Assert.Equal(5, advisory.Deliveries);
        Assert.Equal("io.nats.jetstream.advisory.v1.max_deliver", advisory.Type);
    }

    [Fact]
    public void Parse_NotAnAdvisory_ThrowsJsonException()
    {
        Assert.ThrowsAny<JsonException>(() => MaxDeliveriesAdvisory.Parse("""{"hello":"world"}"""u8));
        Assert.ThrowsAny<JsonException>(() => MaxDeliveriesAdvisory.Parse("not json"u8));
    }

    [Fact]
    public void Subject_StreamAndConsumer_IsTheServersAdvisorySubject()
    {
        Assert.Equal("$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.S.C", MaxDeliveriesAdvisory.Subject("S", "C"));
    }
}
