using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Core;

namespace Dashboard.CloudEventBindings;

/// <summary>Structured, batch and unsupported outcomes shared by the bindings.</summary>
internal static class MessageDecoding
{
    /// <summary>Decodes by a CloudEvents media type, or returns null when the content type is not one.</summary>
    public static CloudEventDecodeResult? ByMediaType(
        string? contentType, ReadOnlyMemory<byte> body, StrictJsonEventFormatter formatter, IEnumerable<CloudEventAttribute>? extensionAttributes)
    {
        var essence = CloudEventMediaTypes.Essence(contentType);
        if (!essence.StartsWith(MimeUtilities.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!CloudEventMediaTypes.IsUtf8OrNoCharset(contentType))
        {
            return Unsupported($"unsupported charset '{CloudEventMediaTypes.Charset(contentType)}'; CloudEvents JSON is UTF-8");
        }

        if (essence.Equals(CloudEventMediaTypes.Structured, StringComparison.OrdinalIgnoreCase))
        {
            return formatter.DecodeStructured(body, extensionAttributes);
        }

        if (essence.Equals(CloudEventMediaTypes.Batch, StringComparison.OrdinalIgnoreCase))
        {
            return formatter.DecodeBatch(body, extensionAttributes);
        }

        return Unsupported($"unsupported CloudEvents format '{essence}'");
    }

    public static CloudEventDecodeResult Unsupported(string reason) => CloudEventDecodeResult.Unsupported(reason);
}
