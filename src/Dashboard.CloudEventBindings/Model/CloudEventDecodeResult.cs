using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings;

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

/// <summary>The outcome of decoding a message: the SDK's events, or every problem with its JSON path or header.</summary>
public sealed class CloudEventDecodeResult
{
    internal CloudEventDecodeResult(CloudEventContentMode mode, IReadOnlyList<CloudEvent> events, IReadOnlyList<CloudEventError> errors)
    {
        Mode = mode;
        Events = events;
        Errors = errors;
    }

    public CloudEventContentMode Mode { get; }

    /// <summary>The decoded events: one for valid binary and structured mode, for a batch every event that is valid on its own.</summary>
    public IReadOnlyList<CloudEvent> Events { get; }

    /// <summary>Why the message was rejected; for <see cref="CloudEventContentMode.Unsupported"/> one entry saying why.</summary>
    public IReadOnlyList<CloudEventError> Errors { get; }

    public bool IsUnsupported => Mode == CloudEventContentMode.Unsupported;

    public bool IsValid => Mode != CloudEventContentMode.Unsupported && Errors.Count == 0;

    /// <summary>The first event's id, source and type as far as they could be read, also when it is invalid (for the ledger).</summary>
    public CloudEventIdentity Identity { get; init; }

    /// <summary>The single event of a valid structured or binary message.</summary>
    public CloudEvent? Event => Mode != CloudEventContentMode.Batch && Events.Count == 1 ? Events[0] : null;
}

/// <summary>An event's identity attributes as sent, each null when absent or unreadable.</summary>
public readonly record struct CloudEventIdentity(string? Id, string? Source, string? Type)
{
    internal static CloudEventIdentity Of(CloudEvent cloudEvent) => new(cloudEvent.Id, cloudEvent.Source?.OriginalString, cloudEvent.Type);
}
