using System.Diagnostics.CodeAnalysis;

namespace Dashboard.CloudEvents;

/// <summary>The outcome of parsing one event in the JSON format.</summary>
public sealed class CloudEventParseResult
{
    internal CloudEventParseResult(CloudEvent? cloudEvent, IReadOnlyList<CloudEventError> errors)
    {
        Event = cloudEvent;
        Errors = errors;
    }

    /// <summary>The event, set only when there are no errors.</summary>
    public CloudEvent? Event { get; }

    public IReadOnlyList<CloudEventError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Event))]
    public bool IsValid => Event is not null;
}

/// <summary>The outcome of parsing a batch (a JSON array of events).</summary>
public sealed class CloudEventBatchParseResult
{
    internal CloudEventBatchParseResult(IReadOnlyList<CloudEvent> events, IReadOnlyList<CloudEventError> errors)
    {
        Events = events;
        Errors = errors;
    }

    /// <summary>The events that parsed, in order. A batch with any error is invalid as a whole; errors name the index.</summary>
    public IReadOnlyList<CloudEvent> Events { get; }

    public IReadOnlyList<CloudEventError> Errors { get; }

    public bool IsValid => Errors.Count == 0;
}
