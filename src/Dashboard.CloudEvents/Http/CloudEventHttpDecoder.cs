namespace Dashboard.CloudEvents;

/// <summary>Reads CloudEvents from HTTP requests (HTTP protocol binding 1.0: binary, structured and batch mode).</summary>
public static class CloudEventHttpDecoder
{
    /// <summary>
    /// Decodes a request. Structured and batch mode are chosen by Content-Type (<c>application/cloudevents+json</c>,
    /// <c>application/cloudevents-batch+json</c>, with an optional UTF-8 charset); binary mode by any <c>ce-</c> header.
    /// Anything else (another CloudEvents format, or no <c>ce-</c> headers) gives <see cref="CloudEventContentMode.Unsupported"/>.
    /// Never throws for bad input.
    /// </summary>
    /// <param name="contentType">The Content-Type header value, or null.</param>
    /// <param name="headers">The request headers (other headers are ignored); multi-valued headers joined with commas.</param>
    /// <param name="body">The request body.</param>
    /// <param name="options">Reader options, or null for the defaults.</param>
    public static CloudEventDecodeResult Decode(
        string? contentType, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, CloudEventReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (MessageDecoding.ByMediaType(contentType, body, options) is { } result)
        {
            return result;
        }

        if (BinaryModeDecoder.HasCloudEventHeaders(headers))
        {
            return BinaryModeDecoder.Decode(headers, string.IsNullOrWhiteSpace(contentType) ? null : contentType, "Content-Type", body, options);
        }

        return MessageDecoding.Unsupported(
            contentType is null ? "not a CloudEvent: no Content-Type and no ce- headers" : $"not a CloudEvent: Content-Type '{contentType}' without ce- headers");
    }
}
