using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings;

/// <summary>
/// The data of a binary-mode message. JSON media types (including <c>+json</c>) must be strict UTF-8 JSON and become a
/// <see cref="JsonElement"/>; everything else is decoded by the SDK's formatter (text as a string, other types as bytes).
/// </summary>
internal static class BinaryModeData
{
    public static void Decode(ReadOnlyMemory<byte> body, CloudEvent cloudEvent, CloudEventReaderOptions options, List<CloudEventError> errors)
    {
        var contentType = cloudEvent.DataContentType;
        if (!CloudEventFormats.IsJson(contentType))
        {
            cloudEvent.DataContentType ??= "application/octet-stream";
            try
            {
                CloudEventFormats.Json.DecodeBinaryModeEventData(body, cloudEvent);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or DecoderFallbackException)
            {
                errors.Add(new("$", ex.Message));
            }
            finally
            {
                cloudEvent.DataContentType = contentType;
            }

            return;
        }

        if (!CloudEventFormats.IsUtf8OrNoCharset(contentType))
        {
            errors.Add(new("Content-Type", $"unsupported charset '{CloudEventFormats.Charset(contentType)}'; JSON data must be UTF-8"));
            return;
        }

        var before = errors.Count;
        using var document = StrictJson.Parse(body, options, "$", errors, out var namesUnchecked);
        if (document is null)
        {
            return;
        }

        StrictJson.Check(document.RootElement, "$", namesUnchecked, errors);
        if (errors.Count == before)
        {
            cloudEvent.Data = document.RootElement.Clone();
        }
    }
}
