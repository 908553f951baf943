using CloudNative.CloudEvents.Core;

namespace Dashboard.CloudEventBindings;

/// <summary>Structured, batch and unsupported outcomes shared by the bindings.</summary>
internal static class MessageDecoding
{
    /// <summary>Decodes by a CloudEvents media type, or returns null when the content type is not one.</summary>
    public static CloudEventDecodeResult? ByMediaType(string? contentType, ReadOnlyMemory<byte> body, CloudEventReaderOptions? options)
    {
        var essence = CloudEventFormats.Essence(contentType);
        if (!essence.StartsWith(MimeUtilities.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!CloudEventFormats.IsUtf8OrNoCharset(contentType))
        {
            return Unsupported($"unsupported charset '{CloudEventFormats.Charset(contentType)}'; CloudEvents JSON is UTF-8");
        }

        if (essence.Equals(CloudEventFormats.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return StrictEventReader.Parse(body, options);
        }

        if (essence.Equals(CloudEventFormats.BatchMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return StrictEventReader.ParseBatch(body, options);
        }

        return Unsupported($"unsupported CloudEvents format '{essence}'");
    }

    public static CloudEventDecodeResult Unsupported(string reason) =>
        new(CloudEventContentMode.Unsupported, [], [new CloudEventError("Content-Type", reason)]);
}
