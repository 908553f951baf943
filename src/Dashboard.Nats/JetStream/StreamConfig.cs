using System.Text.Json.Serialization;

namespace Dashboard.Nats.JetStream;

/// <summary>Stream configuration; null members are left to the server's defaults.</summary>
public sealed record StreamConfig
{
    public required string Name { get; init; }

    public IReadOnlyList<string>? Subjects { get; init; }

    public string? Description { get; init; }

    public RetentionPolicy Retention { get; init; } = RetentionPolicy.Limits;

    public StorageType Storage { get; init; } = StorageType.File;

    public DiscardPolicy Discard { get; init; } = DiscardPolicy.Old;

    public long? MaxMsgs { get; init; }

    public long? MaxBytes { get; init; }

    public int? MaxMsgSize { get; init; }

    public int? MaxConsumers { get; init; }

    [JsonConverter(typeof(NanosecondsConverter))]
    public TimeSpan? MaxAge { get; init; }

    /// <summary>How long <c>Nats-Msg-Id</c> values are remembered for de-duplication.</summary>
    [JsonConverter(typeof(NanosecondsConverter))]
    public TimeSpan? DuplicateWindow { get; init; }

    public int NumReplicas { get; init; } = 1;
}

public sealed record StreamState
{
    public ulong Messages { get; init; }

    public ulong Bytes { get; init; }

    public ulong FirstSeq { get; init; }

    public ulong LastSeq { get; init; }

    public int ConsumerCount { get; init; }
}

public sealed record StreamInfo
{
    public required StreamConfig Config { get; init; }

    public DateTimeOffset Created { get; init; }

    public StreamState State { get; init; } = new();
}
