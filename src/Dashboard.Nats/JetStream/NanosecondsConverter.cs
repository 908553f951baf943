using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Nats.JetStream;

/// <summary>JetStream durations are integers in nanoseconds.</summary>
public sealed class NanosecondsConverter : JsonConverter<TimeSpan?>
{
    public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : TimeSpan.FromTicks(reader.GetInt64() / 100);

    public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
    {
        if (value is { } span)
        {
            writer.WriteNumberValue(span.Ticks * 100);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
