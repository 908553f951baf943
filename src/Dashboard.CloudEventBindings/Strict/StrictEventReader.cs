using System.Text.Json;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings;

/// <summary>
/// Reads the JSON event format strictly: every problem (JSON rules, attribute rules) is listed with its path, and
/// only a document without problems is handed to the SDK's <see cref="CloudNative.CloudEvents.SystemTextJson.JsonEventFormatter"/>
/// to become a <see cref="CloudEvent"/>. Never throws for bad input.
/// </summary>
public static class StrictEventReader
{
    /// <summary>Reads one event.</summary>
    public static CloudEventDecodeResult Parse(ReadOnlyMemory<byte> utf8Json, CloudEventReaderOptions? options = null)
    {
        options ??= CloudEventReaderOptions.Default;
        var errors = new List<CloudEventError>();
        using var document = StrictJson.Parse(utf8Json, options, "$", errors, out var namesUnchecked);
        if (document is null)
        {
            return new(CloudEventContentMode.Structured, [], errors);
        }

        var cloudEvent = ReadEvent(document.RootElement, "$", namesUnchecked, options, errors);
        return cloudEvent is null
            ? new(CloudEventContentMode.Structured, [], errors) { Identity = IdentityOf(document.RootElement) }
            : new(CloudEventContentMode.Structured, [cloudEvent], errors) { Identity = CloudEventIdentity.Of(cloudEvent) };
    }

    /// <summary>Reads a batch (a JSON array of events); errors name the index (<c>$[3].id</c>). Any error rejects the whole batch.</summary>
    public static CloudEventDecodeResult ParseBatch(ReadOnlyMemory<byte> utf8Json, CloudEventReaderOptions? options = null)
    {
        options ??= CloudEventReaderOptions.Default;
        var errors = new List<CloudEventError>();
        using var document = StrictJson.Parse(utf8Json, options, "$", errors, out var namesUnchecked);
        if (document is null)
        {
            return new(CloudEventContentMode.Batch, [], errors);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("$", "a batch must be a JSON array of events"));
            return new(CloudEventContentMode.Batch, [], errors);
        }

        var events = new List<CloudEvent>(document.RootElement.GetArrayLength());
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (ReadEvent(element, $"$[{index++}]", namesUnchecked, options, errors) is { } cloudEvent)
            {
                events.Add(cloudEvent);
            }
        }

        var first = document.RootElement.GetArrayLength() == 0 ? default : document.RootElement[0];
        return new(CloudEventContentMode.Batch, events, errors)
        {
            Identity = errors.Count == 0 && events.Count > 0 ? CloudEventIdentity.Of(events[0]) : IdentityOf(first),
        };
    }

    private static CloudEventIdentity IdentityOf(JsonElement element) => element.ValueKind == JsonValueKind.Object
        ? new(Text(element, "id"), Text(element, "source"), Text(element, "type"))
        : default;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? StrictJson.TryGetString(value) : null;

    private static CloudEvent? ReadEvent(JsonElement element, string path, bool namesUnchecked, CloudEventReaderOptions options, List<CloudEventError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "a CloudEvent must be a JSON object"));
            return null;
        }

        var before = errors.Count;
        StrictJson.Check(element, path, namesUnchecked, errors);
        AttributeChecks.CheckEvent(element, path, options, errors);
        if (errors.Count > before)
        {
            return null;
        }

        try
        {
            return CloudEventFormats.Json.ConvertFromJsonElement(element, options.ExtensionAttributes);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            errors.Add(new(path, ex.Message));
            return null;
        }
    }
}
