using System.Text.Json.Serialization;

namespace Dashboard.Nats.JetStream;

/// <summary>Consumer configuration; for a durable pull consumer set <see cref="DurableName"/> and leave DeliverSubject unset.</summary>
public sealed record ConsumerConfig
{
    public string? DurableName { get; init; }

    public string? Description { get; init; }

    public DeliverPolicy DeliverPolicy { get; init; } = DeliverPolicy.All;

    public ulong? OptStartSeq { get; init; }

    public AckPolicy AckPolicy { get; init; } = AckPolicy.Explicit;

    [JsonConverter(typeof(NanosecondsConverter))]
    public TimeSpan? AckWait { get; init; }

    /// <summary>Deliveries per message before it is given up (and a MAX_DELIVERIES advisory is sent).</summary>
    public int? MaxDeliver { get; init; }

    public string? FilterSubject { get; init; }

    public ReplayPolicy ReplayPolicy { get; init; } = ReplayPolicy.Instant;

    public int? MaxAckPending { get; init; }

    public int? MaxWaiting { get; init; }

    [JsonConverter(typeof(NanosecondsConverter))]
    public TimeSpan? InactiveThreshold { get; init; }

    public int? NumReplicas { get; init; }
}

public sealed record SequenceInfo
{
    public ulong ConsumerSeq { get; init; }

    public ulong StreamSeq { get; init; }
}

public sealed record ConsumerInfo
{
    public string StreamName { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public DateTimeOffset Created { get; init; }

    public required ConsumerConfig Config { get; init; }

    public SequenceInfo Delivered { get; init; } = new();

    public SequenceInfo AckFloor { get; init; } = new();

    public int NumAckPending { get; init; }

    public int NumRedelivered { get; init; }

    public int NumWaiting { get; init; }

    public ulong NumPending { get; init; }
}
