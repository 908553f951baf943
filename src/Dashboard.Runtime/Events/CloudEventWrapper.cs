using System.Text.Json;
using CloudNative.CloudEvents;
using Dashboard.CloudEventBindings;

namespace Dashboard.Runtime.Events;

/// <summary>
/// For broker sources that accept plain messages (NATS, RabbitMQ): tells a structured CloudEvent from a plain message, and
/// wraps a plain one into a structured CloudEvent.
/// </summary>
public static class CloudEventWrapper
{
    /// <summary>
    /// A structured JSON CloudEvent with the given attributes, built as an SDK event and written by the SDK's JSON format;
    /// <paramref name="data"/> becomes <c>data</c> when it is JSON, else <c>data_base64</c> with
    /// <paramref name="contentType"/> (or <c>application/octet-stream</c>).
    /// </summary>
    public static byte[] Wrap(string id, string source, string type, DateTimeOffset time, ReadOnlySpan<byte> data, string? contentType)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = id,
            Source = new Uri(source, UriKind.RelativeOrAbsolute),
            Type = type,
            Time = time.ToUniversalTime(),
        };
        if (data.Length > 0 && TryParseJson(data) is { } json)
        {
            cloudEvent.DataContentType = "application/json";
            cloudEvent.Data = json;
        }
        else if (data.Length > 0)
        {
            cloudEvent.DataContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType;
            cloudEvent.Data = data.ToArray();
        }

        return StrictJsonEventFormatter.Default.EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
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

    private static JsonElement? TryParseJson(ReadOnlySpan<byte> payload)
    {
        try
        {
            return JsonElement.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
