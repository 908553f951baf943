using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings;

/// <summary>
/// The HTTP protocol binding for requests (binary, structured and batch mode), which the SDK ships only in its
/// ASP.NET Core package: the request's Content-Type, headers and body in, SDK events or every problem out.
/// </summary>
public static class CloudEventHttpDecoder
{
    /// <summary>
    /// Structured and batch mode are chosen by Content-Type (<c>application/cloudevents+json</c>,
    /// <c>application/cloudevents-batch+json</c>, with an optional UTF-8 charset); binary mode by any <c>ce-</c> header,
    /// where datacontenttype is the Content-Type and a <c>ce-datacontenttype</c> header is an error. Anything else gives
    /// <see cref="CloudEventDecodeResult.IsUnsupported"/>. Never throws for bad input.
    /// The JSON format is <paramref name="formatter"/>'s (by default <see cref="StrictJsonEventFormatter.Default"/>).
    /// </summary>
    /// <param name="headers">The request headers (others are ignored); a repeated header appears once per value.</param>
    public static CloudEventDecodeResult Decode(
        string? contentType, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body,
        StrictJsonEventFormatter? formatter = null, IEnumerable<CloudEventAttribute>? extensionAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        formatter ??= StrictJsonEventFormatter.Default;
        if (MessageDecoding.ByMediaType(contentType, body, formatter, extensionAttributes) is { } result)
        {
            return result;
        }

        if (BinaryModeReader.HasCloudEventHeaders(headers))
        {
            return BinaryModeReader.Decode(headers, contentType, "Content-Type", dataContentTypeHeaderAllowed: false, body, formatter, extensionAttributes);
        }

        return MessageDecoding.Unsupported(
            contentType is null ? "not a CloudEvent: no Content-Type and no ce- headers" : $"not a CloudEvent: Content-Type '{contentType}' without ce- headers");
    }
}
