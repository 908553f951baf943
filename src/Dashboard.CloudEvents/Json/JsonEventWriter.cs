using System.Text.Json;

namespace Dashboard.CloudEvents;

/// <summary>Writes an event as a JSON object in the JSON event format.</summary>
internal static class JsonEventWriter
{
    public static void Write(Utf8JsonWriter writer, CloudEvent cloudEvent)
    {
        writer.WriteStartObject();
        writer.WriteString("specversion"u8, CloudEvent.SpecVersion10);
        writer.WriteString("id"u8, cloudEvent.Id);
        writer.WriteString("source"u8, cloudEvent.Source);
        writer.WriteString("type"u8, cloudEvent.Type);
        WriteOptional(writer, "datacontenttype"u8, cloudEvent.DataContentType);
        WriteOptional(writer, "dataschema"u8, cloudEvent.DataSchema);
        WriteOptional(writer, "subject"u8, cloudEvent.Subject);
        if (cloudEvent.Time is { } time)
        {
            writer.WriteString("time"u8, Rfc3339.Format(time));
        }

        foreach (var (name, value) in cloudEvent.Extensions)
        {
            switch (value)
            {
                case string text:
                    writer.WriteString(name, text);
                    break;
                case bool flag:
                    writer.WriteBoolean(name, flag);
                    break;
                case int number:
                    writer.WriteNumber(name, number);
                    break;
                default:
                    throw new ArgumentException($"Extension '{name}' has a value of type {value?.GetType().Name ?? "null"}; use string, bool or int.", nameof(cloudEvent));
            }
        }

        if (cloudEvent.Data is { } data)
        {
            if (data.IsJson)
            {
                writer.WritePropertyName("data"u8);
                writer.WriteRawValue(data.Bytes.Span, skipInputValidation: false);
            }
            else
            {
                writer.WriteBase64String("data_base64"u8, data.Bytes.Span);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
