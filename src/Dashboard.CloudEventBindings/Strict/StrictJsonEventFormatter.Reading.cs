using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings;

/// <summary>The non-throwing reads: every problem is listed, and only a document without any becomes SDK events.</summary>
public sealed partial class StrictJsonEventFormatter
{
    /// <summary>Reads one event in the JSON format. Never throws for bad input.</summary>
    public CloudEventDecodeResult DecodeStructured(ReadOnlyMemory<byte> body, IEnumerable<CloudEventAttribute>? extensionAttributes = null)
    {
        var errors = new List<CloudEventError>();
        using var document = StrictJson.Parse(body, DocumentOptions, "$", errors, out var namesUnchecked);
        if (document is null)
        {
            return new(ContentMode.Structured, isBatch: false, [], errors);
        }

        var cloudEvent = ReadEvent(document.RootElement, "$", namesUnchecked, extensionAttributes, errors);
        return cloudEvent is null
            ? new(ContentMode.Structured, isBatch: false, [], errors) { Identity = IdentityOf(document.RootElement) }
            : new(ContentMode.Structured, isBatch: false, [cloudEvent], errors) { Identity = CloudEventIdentity.Of(cloudEvent) };
    }

    /// <summary>
    /// Reads a batch (a JSON array of events); errors name the index (<c>$[3].id</c>). Any error rejects the whole batch.
    /// Never throws for bad input.
    /// </summary>
    public CloudEventDecodeResult DecodeBatch(ReadOnlyMemory<byte> body, IEnumerable<CloudEventAttribute>? extensionAttributes = null)
    {
        var errors = new List<CloudEventError>();
        using var document = StrictJson.Parse(body, DocumentOptions, "$", errors, out var namesUnchecked);
        if (document is null)
        {
            return new(ContentMode.Structured, isBatch: true, [], errors);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("$", "a batch must be a JSON array of events"));
            return new(ContentMode.Structured, isBatch: true, [], errors);
        }

        var events = new List<CloudEvent>(document.RootElement.GetArrayLength());
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (ReadEvent(element, $"$[{index++}]", namesUnchecked, extensionAttributes, errors) is { } cloudEvent)
            {
                events.Add(cloudEvent);
            }
        }

        var first = document.RootElement.GetArrayLength() == 0 ? default : document.RootElement[0];
        return new(ContentMode.Structured, isBatch: true, events, errors)
        {
            Identity = errors.Count == 0 && events.Count > 0 ? CloudEventIdentity.Of(events[0]) : IdentityOf(first),
        };
    }

    /// <summary>Binary-mode data with its problems listed (see <see cref="DecodeBinaryModeEventData"/>); the body is not empty.</summary>
    internal void DecodeBinaryData(ReadOnlyMemory<byte> body, CloudEvent cloudEvent, List<CloudEventError> errors)
    {
        var contentType = cloudEvent.DataContentType;
        if (!CloudEventMediaTypes.IsJson(contentType))
        {
            // The SDK reads data without a datacontenttype as JSON; binary-mode data without one is bytes.
            cloudEvent.DataContentType ??= "application/octet-stream";
            try
            {
                base.DecodeBinaryModeEventData(body, cloudEvent);
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

        if (!CloudEventMediaTypes.IsUtf8OrNoCharset(contentType))
        {
            errors.Add(new("Content-Type", $"unsupported charset '{CloudEventMediaTypes.Charset(contentType)}'; JSON data must be UTF-8"));
            return;
        }

        var before = errors.Count;
        using var document = StrictJson.Parse(body, DocumentOptions, "$", errors, out var namesUnchecked);
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

    private static CloudEventIdentity IdentityOf(JsonElement element) => element.ValueKind == JsonValueKind.Object
        ? new(Text(element, "id"), Text(element, "source"), Text(element, "type"))
        : default;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? StrictJson.TryGetString(value) : null;

    private CloudEvent? ReadEvent(
        JsonElement element, string path, bool namesUnchecked, IEnumerable<CloudEventAttribute>? extensionAttributes, List<CloudEventError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "a CloudEvent must be a JSON object"));
            return null;
        }

        var before = errors.Count;
        StrictJson.Check(element, path, namesUnchecked, errors);
        AttributeChecks.CheckEvent(element, path, extensionAttributes, errors);
        if (errors.Count > before)
        {
            return null;
        }

        try
        {
            return ConvertFromJsonElement(element, extensionAttributes);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            errors.Add(new(path, ex.Message));
            return null;
        }
    }
}
