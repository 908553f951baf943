using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using Dashboard.CloudEventBindings;
using Dashboard.Data.Events;
using Dashboard.Runtime.Events;

namespace Dashboard.Web.Features.Events;

public sealed partial record EventWireForms
{
    /// <summary>The stored event as the SDK's <see cref="CloudEvent"/>.</summary>
    public static CloudEvent ToCloudEvent(StoredEventView stored)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = stored.Id,
            Source = new Uri(stored.Source, UriKind.RelativeOrAbsolute),
            Type = stored.Type,
            Subject = stored.Subject,
            Time = stored.Time,
            DataContentType = stored.DataContentType,
            DataSchema = stored.DataSchema is null ? null : new Uri(stored.DataSchema, UriKind.RelativeOrAbsolute),
        };
        CloudEventPayload.SetExtensions(cloudEvent, stored.ExtensionsJson);
        cloudEvent.Data = CloudEventPayload.DataFrom(stored.Data, stored.DataIsJson, stored.DataContentType);
        return cloudEvent;
    }

    /// <summary>The SDK's HTTP binding output for one mode: Content-Type, the other headers, and the body.</summary>
    private static (string? ContentType, List<KeyValuePair<string, string>> Headers, byte[] Body) Http(CloudEvent cloudEvent, ContentMode mode)
    {
        using var content = cloudEvent.ToHttpContent(mode, StrictJsonEventFormatter.Default);
        var headers = content.Headers
            .Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value)))
            .ToList();
        using var stream = content.ReadAsStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return (content.Headers.ContentType?.ToString(), headers, buffer.ToArray());
    }
}
