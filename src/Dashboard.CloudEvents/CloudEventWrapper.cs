using System.Buffers;
using System.Text.Json;

namespace Dashboard.CloudEvents;

/// <summary>
/// For broker sources that accept plain messages (NATS, RabbitMQ): tells a structured CloudEvent from a plain message, and
/// wraps a plain one into a structured CloudEvent.
/// </summary>
public static class CloudEventWrapper
{
    /// <summary>
    /// A structured JSON CloudEvent with the given attributes; <paramref name="data"/> becomes <c>data</c> when it is
    /// JSON, else <c>data_base64</c> with <paramref name="contentType"/> (or <c>application/octet-stream</c>).
    /// </summary>
    public static byte[] Wrap(string id, string source, string type, DateTimeOffset time, ReadOnlySpan<byte> data, string? contentType)
    {
        var buffer = new ArrayBufferWriter<byte>(data.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", "1.0");
            writer.WriteString("id", id);
            writer.WriteString("source", source);
            writer.WriteString("type", type);
            writer.WriteString("time", time.ToUniversalTime());
            if (data.Length > 0)
            {
                if (IsJson(data))
                {
                    writer.WriteString("datacontenttype", "application/json");
                    writer.WritePropertyName("data");
                    writer.WriteRawValue(data, skipInputValidation: true);
                }
                else
                {
                    writer.WriteString("datacontenttype", string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType);
                    writer.WriteBase64String("data_base64", data);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A JSON object with a <c>specversion</c> member: a structured CloudEvent sent without a CloudEvents content type.</summary>
    public static bool HasSpecVersionMember(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("specversion"u8))
                {
                    return true;
                }

                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private static bool IsJson(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            var tokens = 0;
            while (reader.Read())
            {
                tokens++;
            }

            return tokens > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
