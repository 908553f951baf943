using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings;

/// <summary>The outcome of decoding a message: the SDK's events, or every problem with its JSON path or header.</summary>
public sealed class CloudEventDecodeResult
{
    // The mode as an enum and a flag rather than a nullable, so the result is no larger than one enum field makes it.
    private readonly ContentMode _mode;
    private readonly bool _isUnsupported;

    internal CloudEventDecodeResult(ContentMode? mode, bool isBatch, IReadOnlyList<CloudEvent> events, IReadOnlyList<CloudEventError> errors)
    {
        _mode = mode.GetValueOrDefault();
        _isUnsupported = mode is null;
        IsBatch = isBatch;
        Events = events;
        Errors = errors;
    }

    /// <summary>The SDK's content mode (a batch is structured); null when the message is not a CloudEvent these bindings read (HTTP: 415).</summary>
    public ContentMode? Mode => _isUnsupported ? null : _mode;

    /// <summary>A JSON array of events (application/cloudevents-batch+json), which the SDK's <see cref="ContentMode"/> does not name.</summary>
    public bool IsBatch { get; }

    /// <summary>The decoded events: one for valid binary and structured mode, for a batch every event that is valid on its own.</summary>
    public IReadOnlyList<CloudEvent> Events { get; }

    /// <summary>Why the message was rejected; when <see cref="IsUnsupported"/>, one entry saying why.</summary>
    public IReadOnlyList<CloudEventError> Errors { get; }

    public bool IsUnsupported => _isUnsupported;

    public bool IsValid => !_isUnsupported && Errors.Count == 0;

    /// <summary>The mode as the ledger names it: Structured, Binary, Batch or Unsupported.</summary>
    public string ModeName => _isUnsupported ? "Unsupported" : IsBatch ? "Batch" : _mode == ContentMode.Binary ? "Binary" : "Structured";

    /// <summary>The first event's id, source and type as far as they could be read, also when it is invalid (for the ledger).</summary>
    public CloudEventIdentity Identity { get; init; }

    /// <summary>The single event of a valid structured or binary message.</summary>
    public CloudEvent? Event => !IsBatch && Events.Count == 1 ? Events[0] : null;

    internal static CloudEventDecodeResult Unsupported(string reason) => new(null, isBatch: false, [], [new CloudEventError("Content-Type", reason)]);
}

/// <summary>An event's identity attributes as sent, each null when absent or unreadable.</summary>
public readonly record struct CloudEventIdentity(string? Id, string? Source, string? Type)
{
    internal static CloudEventIdentity Of(CloudEvent cloudEvent) => new(cloudEvent.Id, cloudEvent.Source?.OriginalString, cloudEvent.Type);
}
