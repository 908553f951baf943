using System.Text.Json;

namespace Dashboard.Nats.JetStream;

/// <summary>
/// <c>$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.&lt;stream&gt;.&lt;consumer&gt;</c>: a message reached the
/// consumer's max_deliver and will not be delivered again.
/// </summary>
public sealed record MaxDeliveriesAdvisory
{
    public const string SubjectPrefix = "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES";

    public string Type { get; init; } = string.Empty;

    public string Id { get; init; } = string.Empty;

    public DateTimeOffset Timestamp { get; init; }

    public string Stream { get; init; } = string.Empty;

    public string Consumer { get; init; } = string.Empty;

    public ulong StreamSeq { get; init; }

    public int Deliveries { get; init; }

    public string? Domain { get; init; }

    public static MaxDeliveriesAdvisory Parse(NatsMsg msg) =>
        JsonSerializer.Deserialize(msg.Data.Span, JetStreamJsonContext.Default.MaxDeliveriesAdvisory)
        ?? throw new NatsJetStreamException($"Empty advisory on '{msg.Subject}'.");
}
