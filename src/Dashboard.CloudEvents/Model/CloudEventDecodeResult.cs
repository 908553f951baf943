namespace Dashboard.CloudEvents;

/// <summary>How a transport message carried its event(s).</summary>
public enum CloudEventContentMode
{
    /// <summary>Not a CloudEvents message this library reads (HTTP: answer 415).</summary>
    Unsupported,

    /// <summary>Attributes in ce- headers, data in the body.</summary>
    Binary,

    /// <summary>One event in the JSON format (application/cloudevents+json).</summary>
    Structured,

    /// <summary>A JSON array of events (application/cloudevents-batch+json).</summary>
    Batch,
}

/// <summary>The outcome of decoding a transport message (HTTP request or NATS message).</summary>
public sealed class CloudEventDecodeResult
{
    internal CloudEventDecodeResult(CloudEventContentMode mode, IReadOnlyList<CloudEvent> events, IReadOnlyList<CloudEventError> errors)
    {
        Mode = mode;
        Events = events;
        Errors = errors;
    }

    public CloudEventContentMode Mode { get; }

    /// <summary>The decoded events: one for binary and structured mode, any number for a batch.</summary>
    public IReadOnlyList<CloudEvent> Events { get; }

    /// <summary>Why the message was rejected; for <see cref="CloudEventContentMode.Unsupported"/> one entry saying why.</summary>
    public IReadOnlyList<CloudEventError> Errors { get; }

    public bool IsUnsupported => Mode == CloudEventContentMode.Unsupported;

    public bool IsValid => Mode != CloudEventContentMode.Unsupported && Errors.Count == 0;
}
