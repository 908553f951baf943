using System.Text.Json.Serialization;

namespace Dashboard.Nats.JetStream;

internal sealed record ApiError(int Code, int ErrCode, string? Description);

internal sealed record ApiErrorResponse(ApiError? Error);

internal sealed record PubAckResponse(string? Stream, ulong Seq, bool Duplicate, string? Domain, ApiError? Error);

internal sealed record DeleteResponse(bool Success);

internal sealed record CreateConsumerRequest(string StreamName, ConsumerConfig Config);

internal sealed record PullRequest(
    int Batch,
    [property: JsonConverter(typeof(NanosecondsConverter))] TimeSpan? Expires,
    bool? NoWait,
    [property: JsonConverter(typeof(NanosecondsConverter))] TimeSpan? IdleHeartbeat);

internal sealed record NakRequest([property: JsonConverter(typeof(NanosecondsConverter))] TimeSpan? Delay);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiErrorResponse))]
[JsonSerializable(typeof(PubAckResponse))]
[JsonSerializable(typeof(DeleteResponse))]
[JsonSerializable(typeof(CreateConsumerRequest))]
[JsonSerializable(typeof(PullRequest))]
[JsonSerializable(typeof(NakRequest))]
[JsonSerializable(typeof(StreamConfig))]
[JsonSerializable(typeof(StreamInfo))]
[JsonSerializable(typeof(ConsumerInfo))]
[JsonSerializable(typeof(MaxDeliveriesAdvisory))]
internal sealed partial class JetStreamJsonContext : JsonSerializerContext;
