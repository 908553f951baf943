namespace Dashboard.CloudEvents;

/// <summary>Structured, batch and unsupported outcomes shared by the bindings.</summary>
internal static class MessageDecoding
{
    /// <summary>Decodes by a CloudEvents media type, or returns null when the content type is not one.</summary>
    public static CloudEventDecodeResult? ByMediaType(string? contentType, ReadOnlyMemory<byte> body, CloudEventReaderOptions? options)
    {
        var essence = MediaType.Essence(contentType);
        if (!essence.StartsWith("application/cloudevents", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var charset = MediaType.Charset(contentType!);
        if (!charset.IsEmpty && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return Unsupported($"unsupported charset '{charset}'; CloudEvents JSON is UTF-8");
        }

        if (essence.Equals(CloudEventJsonFormat.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            var result = CloudEventJsonFormat.Parse(body, options);
            return new CloudEventDecodeResult(CloudEventContentMode.Structured, result.IsValid ? [result.Event] : [], result.Errors);
        }

        if (essence.Equals(CloudEventJsonFormat.BatchMediaType, StringComparison.OrdinalIgnoreCase))
        {
            var batch = CloudEventJsonFormat.ParseBatch(body, options);
            return new CloudEventDecodeResult(CloudEventContentMode.Batch, batch.Events, batch.Errors);
        }

        return Unsupported($"unsupported CloudEvents format '{essence}'");
    }

    public static CloudEventDecodeResult Structured(ReadOnlyMemory<byte> body, CloudEventReaderOptions? options)
    {
        var result = CloudEventJsonFormat.Parse(body, options);
        return new CloudEventDecodeResult(CloudEventContentMode.Structured, result.IsValid ? [result.Event] : [], result.Errors);
    }

    public static CloudEventDecodeResult Unsupported(string reason) =>
        new(CloudEventContentMode.Unsupported, [], [new CloudEventError("Content-Type", reason)]);
}
