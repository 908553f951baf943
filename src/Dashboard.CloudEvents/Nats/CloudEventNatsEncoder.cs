namespace Dashboard.CloudEvents;

/// <summary>Writes CloudEvents as NATS messages. Send <see cref="CloudEventMessage.ContentType"/>, when set, as the Content-Type header.</summary>
public static class CloudEventNatsEncoder
{
    /// <summary>Binary mode: every attribute, datacontenttype included, as a percent-encoded <c>ce-</c> header; data as the payload.</summary>
    public static CloudEventMessage EncodeBinary(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var headers = BinaryModeEncoder.Headers(cloudEvent);
        if (BinaryModeEncoder.ContentType(cloudEvent) is { } dataContentType)
        {
            headers.Insert(4, new("ce-datacontenttype", HeaderValueCodec.Encode(dataContentType)));
        }

        return new CloudEventMessage(null, headers, BinaryModeEncoder.Body(cloudEvent));
    }

    /// <summary>Structured mode: the event in the JSON format as the payload.</summary>
    public static CloudEventMessage EncodeStructured(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return new CloudEventMessage(CloudEventJsonFormat.MediaType, [], CloudEventJsonFormat.ToUtf8Bytes(cloudEvent));
    }
}
