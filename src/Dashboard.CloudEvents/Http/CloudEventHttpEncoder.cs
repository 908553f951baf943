namespace Dashboard.CloudEvents;

/// <summary>Writes CloudEvents as HTTP messages (HTTP protocol binding 1.0).</summary>
public static class CloudEventHttpEncoder
{
    /// <summary>
    /// Binary mode: attributes as percent-encoded <c>ce-</c> headers, datacontenttype as Content-Type
    /// (application/json for JSON data without one), data as the body.
    /// </summary>
    public static CloudEventMessage EncodeBinary(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return new CloudEventMessage(BinaryModeEncoder.ContentType(cloudEvent), BinaryModeEncoder.Headers(cloudEvent), BinaryModeEncoder.Body(cloudEvent));
    }

    /// <summary>Structured mode: the event in the JSON format as the body.</summary>
    public static CloudEventMessage EncodeStructured(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return new CloudEventMessage(CloudEventJsonFormat.MediaType, [], CloudEventJsonFormat.ToUtf8Bytes(cloudEvent));
    }

    /// <summary>Batch mode: a JSON array of events as the body.</summary>
    public static CloudEventMessage EncodeBatch(IEnumerable<CloudEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new CloudEventMessage(CloudEventJsonFormat.BatchMediaType, [], CloudEventJsonFormat.ToUtf8Bytes(events));
    }
}
