using System.Text.Json;

namespace Dashboard.Runtime.Nats.Advisories;

/// <summary>
/// <c>$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.&lt;stream&gt;.&lt;consumer&gt;</c>: a message reached the
/// consumer's max_deliver and will not be delivered again. NATS.Net has no model for JetStream advisories; this is it.
/// </summary>
public sealed record MaxDeliveriesAdvisory
{
    public const string SubjectPrefix = "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Type { get; init; } = string.Empty;

    public string Id { get; init; } = string.Empty;

    public DateTimeOffset Timestamp { get; init; }

    public string Stream { get; init; } = string.Empty;

    public string Consumer { get; init; } = string.Empty;

    public ulong StreamSeq { get; init; }

    public int Deliveries { get; init; }

    public string? Domain { get; init; }

    /// <summary>The subject the server publishes this consumer's advisories on.</summary>
    public static string Subject(string stream, string consumer) => $"{SubjectPrefix}.{stream}.{consumer}";

    /// <summary>Reads the advisory body; a body that is not one throws <see cref="JsonException"/>.</summary>
    public static MaxDeliveriesAdvisory Parse(ReadOnlySpan<byte> payload) =>
        JsonSerializer.Deserialize<MaxDeliveriesAdvisory>(payload, Json) is { Stream.Length: > 0, StreamSeq: > 0 } advisory
            ? advisory
            : throw new JsonException("The message is not a MAX_DELIVERIES advisory (no stream or stream_seq).");
}
