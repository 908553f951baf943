using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using Dashboard.CloudEventBindings;

namespace Dashboard.Runtime.Events;

/// <summary>
/// The stored form of an SDK event's data and extensions: data as bytes plus whether they are JSON text, extensions
/// as one JSON object; and back again.
/// </summary>
public static class CloudEventPayload
{
    /// <summary>The data as bytes: JSON text for a <see cref="JsonElement"/>, UTF-8 for a string, the bytes themselves otherwise.</summary>
    public static (byte[]? Bytes, bool IsJson) DataOf(CloudEvent cloudEvent) => cloudEvent.Data switch
    {
        null => (null, false),
        JsonElement element => (JsonMarshal.GetRawUtf8Value(element).ToArray(), true),
        string text => (Encoding.UTF8.GetBytes(text), false),
        byte[] bytes => (bytes, CloudEventMediaTypes.IsJson(cloudEvent.DataContentType)),
        var other => (JsonSerializer.SerializeToUtf8Bytes(other, other.GetType()), true),
    };

    /// <summary>
    /// SDK data from stored bytes: a <see cref="JsonElement"/> for JSON, a string for text/* content, else the bytes.
    /// </summary>
    public static object? DataFrom(byte[]? bytes, bool isJson, string? dataContentType)
    {
        if (bytes is null)
        {
            return null;
        }

        var isText = CloudEventMediaTypes.Essence(dataContentType).StartsWith("text/", StringComparison.OrdinalIgnoreCase);
        if (isJson)
        {
            var root = JsonElement.Parse(bytes);
            if (dataContentType is null || CloudEventMediaTypes.IsJson(dataContentType))
            {
                return root;
            }

            // JSON text stored for a non-JSON datacontenttype: the JSON format's string carries the text itself.
            return root.ValueKind == JsonValueKind.String ? root.GetString() : isText ? Encoding.UTF8.GetString(bytes) : bytes;
        }

        return isText ? Encoding.UTF8.GetString(bytes) : bytes;
    }

    /// <summary>The extension attributes (booleans and integers typed, others in canonical text); empty when none.</summary>
    public static IReadOnlyDictionary<string, object> Extensions(CloudEvent cloudEvent)
    {
        var extensions = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (attribute, value) in cloudEvent.GetPopulatedAttributes())
        {
            if (attribute.IsExtension)
            {
                extensions[attribute.Name] = value is bool or int ? value : attribute.Format(value);
            }
        }

        return extensions;
    }

    /// <summary>Sets extension attributes from a JSON object of <see cref="Extensions"/> as stored.</summary>
    public static void SetExtensions(CloudEvent cloudEvent, string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            cloudEvent[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number => property.Value.GetInt32(),
                _ => property.Value.GetString(),
            };
        }
    }
}
