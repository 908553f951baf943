using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;

namespace Dashboard.CloudEventBindings.Tests;

/// <summary>Writes CloudEvents as NATS messages. Send <see cref="CloudEventMessage.ContentType"/>, when set, as the Content-Type header.</summary>
public static class CloudEventNatsEncoder
{
    /// <summary>
    /// Binary mode: every attribute, datacontenttype included, as a percent-encoded <c>ce-</c> header (the SDK's
    /// encoding and formatting); the data as the SDK's JSON formatter writes a binary-mode body.
    /// </summary>
    public static CloudEventMessage EncodeBinary(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var headers = new List<KeyValuePair<string, string>> { new("ce-specversion", cloudEvent.SpecVersion.VersionId) };
        foreach (var (attribute, value) in cloudEvent.GetPopulatedAttributes())
        {
            headers.Add(new(BinaryModeReader.HeaderPrefix + attribute.Name, HttpUtilities.EncodeHeaderValue(attribute.Format(value))));
        }

        if (cloudEvent.DataContentType is null && cloudEvent.Data is not null and not byte[])
        {
            headers.Add(new("ce-datacontenttype", "application/json"));
        }

        return new CloudEventMessage(null, headers, StrictJsonEventFormatter.Default.EncodeBinaryModeEventData(cloudEvent));
    }

    /// <summary>Structured mode: the event in the SDK's JSON format as the payload.</summary>
    public static CloudEventMessage EncodeStructured(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return new CloudEventMessage(CloudEventMediaTypes.Structured, [], StrictJsonEventFormatter.Default.EncodeStructuredModeMessage(cloudEvent, out _));
    }
}
