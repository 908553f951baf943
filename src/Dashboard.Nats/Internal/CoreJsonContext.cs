using System.Text.Json.Serialization;

namespace Dashboard.Nats.Internal;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConnectRequest))]
[JsonSerializable(typeof(NatsServerInfo))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
