using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings;

/// <summary>Reads CloudEvents from NATS messages (NATS protocol binding: structured and binary mode); the SDK has no NATS binding.</summary>
public static class CloudEventNatsDecoder
{
    private const string ContentTypeHeader = "Content-Type";

    /// <summary>
    /// Decodes a message. A Content-Type header of <c>application/cloudevents+json</c> (or <c>-batch+json</c>) means
    /// structured (batch) mode; otherwise any <c>ce-</c> header means binary mode (datacontenttype from
    /// <c>ce-datacontenttype</c>, else Content-Type); a message with neither is read as structured JSON, as servers
    /// without headers send it. Another CloudEvents format gives <see cref="CloudEventDecodeResult.IsUnsupported"/>.
    /// </summary>
    public static CloudEventDecodeResult Decode(
        IEnumerable<KeyValuePair<string, string>>? headers, ReadOnlyMemory<byte> payload,
        StrictJsonEventFormatter? formatter = null, IEnumerable<CloudEventAttribute>? extensionAttributes = null)
    {
        headers ??= [];
        formatter ??= StrictJsonEventFormatter.Default;
        string? contentType = null;
        var hasDataContentTypeHeader = false;
        foreach (var (key, value) in headers)
        {
            if (key.Equals(ContentTypeHeader, StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (key.Equals("ce-datacontenttype", StringComparison.OrdinalIgnoreCase))
            {
                hasDataContentTypeHeader = true;
            }
        }

        if (MessageDecoding.ByMediaType(contentType, payload, formatter, extensionAttributes) is { } result)
        {
            return result;
        }

        // ce-datacontenttype is the attribute in NATS; Content-Type only stands in when it is absent.
        return BinaryModeReader.HasCloudEventHeaders(headers)
            ? BinaryModeReader.Decode(headers, hasDataContentTypeHeader ? null : contentType, ContentTypeHeader, dataContentTypeHeaderAllowed: true, payload, formatter, extensionAttributes)
            : formatter.DecodeStructured(payload, extensionAttributes);
    }
}
