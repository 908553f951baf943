using System.Globalization;
using System.Text.Json;

namespace Dashboard.CloudEvents;

/// <summary>Binary content mode output, shared by HTTP and NATS.</summary>
internal static class BinaryModeEncoder
{
    /// <summary>The <c>ce-</c> headers of every attribute except datacontenttype, which each binding places itself.</summary>
    public static List<KeyValuePair<string, string>> Headers(CloudEvent cloudEvent)
    {
        var headers = new List<KeyValuePair<string, string>>(8 + cloudEvent.Extensions.Count)
        {
            new("ce-specversion", CloudEvent.SpecVersion10),
            new("ce-id", HeaderValueCodec.Encode(cloudEvent.Id)),
            new("ce-source", HeaderValueCodec.Encode(cloudEvent.Source)),
            new("ce-type", HeaderValueCodec.Encode(cloudEvent.Type)),
        };
        Add(headers, "ce-subject", cloudEvent.Subject);
        Add(headers, "ce-dataschema", cloudEvent.DataSchema);
        Add(headers, "ce-time", cloudEvent.Time is { } time ? Rfc3339.Format(time) : null);
        foreach (var (name, value) in cloudEvent.Extensions)
        {
            var text = value switch
            {
                string s => s,
                bool b => b ? "true" : "false",
                int i => i.ToString(CultureInfo.InvariantCulture),
                _ => throw new ArgumentException($"Extension '{name}' has a value of type {value?.GetType().Name ?? "null"}; use string, bool or int.", nameof(cloudEvent)),
            };
            headers.Add(new("ce-" + name, HeaderValueCodec.Encode(text)));
        }

        return headers;
    }

    /// <summary>The datacontenttype to send: the attribute, or application/json for JSON data without one.</summary>
    public static string? ContentType(CloudEvent cloudEvent) =>
        cloudEvent.DataContentType ?? (cloudEvent.Data is { IsJson: true } ? "application/json" : null);

    /// <summary>
    /// The body bytes. JSON data whose datacontenttype is not JSON and which is a JSON string is sent as the
    /// string's text (the JSON format's way of carrying text data).
    /// </summary>
    public static ReadOnlyMemory<byte> Body(CloudEvent cloudEvent)
    {
        if (cloudEvent.Data is not { } data)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (!data.IsJson || cloudEvent.DataContentType is null || MediaType.IsJson(cloudEvent.DataContentType))
        {
            return data.Bytes;
        }

        var reader = new Utf8JsonReader(data.Bytes.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return data.Bytes;
        }

        var text = new byte[reader.ValueSpan.Length];
        return text.AsMemory(0, reader.CopyString(text));
    }

    private static void Add(List<KeyValuePair<string, string>> headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.Add(new(name, HeaderValueCodec.Encode(value)));
        }
    }
}
