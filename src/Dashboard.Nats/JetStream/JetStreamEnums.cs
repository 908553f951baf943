using System.Text.Json.Serialization;

namespace Dashboard.Nats.JetStream;

[JsonConverter(typeof(JsonStringEnumConverter<RetentionPolicy>))]
public enum RetentionPolicy
{
    [JsonStringEnumMemberName("limits")]
    Limits,
    [JsonStringEnumMemberName("interest")]
    Interest,
    [JsonStringEnumMemberName("workqueue")]
    WorkQueue,
}

[JsonConverter(typeof(JsonStringEnumConverter<StorageType>))]
public enum StorageType
{
    [JsonStringEnumMemberName("file")]
    File,
    [JsonStringEnumMemberName("memory")]
    Memory,
}

[JsonConverter(typeof(JsonStringEnumConverter<DiscardPolicy>))]
public enum DiscardPolicy
{
    [JsonStringEnumMemberName("old")]
    Old,
    [JsonStringEnumMemberName("new")]
    New,
}

[JsonConverter(typeof(JsonStringEnumConverter<AckPolicy>))]
public enum AckPolicy
{
    [JsonStringEnumMemberName("explicit")]
    Explicit,
    [JsonStringEnumMemberName("all")]
    All,
    [JsonStringEnumMemberName("none")]
    None,
}

[JsonConverter(typeof(JsonStringEnumConverter<DeliverPolicy>))]
public enum DeliverPolicy
{
    [JsonStringEnumMemberName("all")]
    All,
    [JsonStringEnumMemberName("last")]
    Last,
    [JsonStringEnumMemberName("new")]
    New,
    [JsonStringEnumMemberName("by_start_sequence")]
    ByStartSequence,
    [JsonStringEnumMemberName("by_start_time")]
    ByStartTime,
    [JsonStringEnumMemberName("last_per_subject")]
    LastPerSubject,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReplayPolicy>))]
public enum ReplayPolicy
{
    [JsonStringEnumMemberName("instant")]
    Instant,
    [JsonStringEnumMemberName("original")]
    Original,
}
