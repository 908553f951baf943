using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Runtime.Streaming;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>A batch's items serialized once (a JSON array, with the hub's payload options) for every connection that gets it.</summary>
public sealed class SerializedLiveItems
{
    private SerializedLiveItems(ReadOnlyMemory<byte> json, int count) => (Json, Count) = (json, count);

    public static SerializedLiveItems Empty { get; } = new("[]"u8.ToArray(), 0);

    public ReadOnlyMemory<byte> Json { get; }

    public int Count { get; }

    public static SerializedLiveItems Of(IReadOnlyList<LiveItem> items, JsonSerializerOptions options) =>
        items.Count == 0 ? Empty : new(JsonSerializer.SerializeToUtf8Bytes(items, options), items.Count);
}

/// <summary>
/// What a <c>live</c> message carries, on the wire exactly as <see cref="LiveHubBatch"/>: the items of a batch that
/// was serialized once for every connection of its filter, and this connection's own dropped count.
/// </summary>
[JsonConverter(typeof(LiveHubMessageConverter))]
public sealed record LiveHubMessage(SerializedLiveItems Items, long Dropped);

/// <summary>Writes a <see cref="LiveHubMessage"/> as <c>{ "items": [...], "dropped": n }</c>, copying the serialized items.</summary>
public sealed class LiveHubMessageConverter : JsonConverter<LiveHubMessage>
{
    public override LiveHubMessage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Live hub messages are only sent.");

    public override void Write(Utf8JsonWriter writer, LiveHubMessage value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName(Name(nameof(LiveHubBatch.Items), options));
        writer.WriteRawValue(value.Items.Json.Span, skipInputValidation: true);
        writer.WriteNumber(Name(nameof(LiveHubBatch.Dropped), options), value.Dropped);
        writer.WriteEndObject();
    }

    private static string Name(string property, JsonSerializerOptions options) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}
