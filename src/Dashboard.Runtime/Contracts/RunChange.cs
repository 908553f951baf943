using System.Text.Json.Serialization;

namespace Dashboard.Runtime.Contracts;

/// <summary>
/// A run write as typed data. A worker instance sends these to the owner, which turns each back into the very
/// statement a local run writes (the workflow store's <c>ToStatement</c>), so SQL never travels and both paths write the same rows.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "change")]
[JsonDerivedType(typeof(StepResultChange), "step-result")]
[JsonDerivedType(typeof(ProgressChange), "progress")]
[JsonDerivedType(typeof(FinishChange), "finish")]
[JsonDerivedType(typeof(StartedChange), "started")]
[JsonDerivedType(typeof(ActivityChange), "activity")]
[JsonDerivedType(typeof(RequeueChange), "requeue")]
[JsonDerivedType(typeof(CompletedChange), "completed")]
[JsonDerivedType(typeof(FinishActivityChange), "finish-activity")]
public abstract record RunChange;

public sealed record StepResultChange(long RunId, int Index, string Name, string Type, int Attempt, string State, string? Input, string? Output,
    string? Error, bool Retryable, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string? IdempotencyKey) : RunChange;

public sealed record ProgressChange(long RunId, int StepIndex, int Attempt, string Variables, string State, DateTimeOffset? NextAttemptAt, DateTimeOffset Now) : RunChange;

/// <summary>A run ended; a sync event's run also carries the status its caller gets (and, on success, the response body).</summary>
public sealed record FinishChange(long RunId, string State, string? Error, string? FailedStep, DateTimeOffset Now,
    int? ResponseStatus = null, string? Response = null) : RunChange;

public sealed record StartedChange(long RunId, DateTimeOffset Now, string? ExecutedBy) : RunChange;

public sealed record ActivityChange(DateTimeOffset At, long? WorkflowId, string Kind, string Message, string? Actor, long? EventSeq, long? RunId) : RunChange;

public sealed record RequeueChange(long RunId, DateTimeOffset NextAttemptAt, DateTimeOffset Now) : RunChange;

public sealed record CompletedChange(long RunId, int StepIndex, string Variables, DateTimeOffset Now, DateTimeOffset? StartedAt = null, string? ExecutedBy = null,
    int? ResponseStatus = null, string? Response = null) : RunChange;

/// <summary>A run's end as an activity row, written only when the run already ended once (the first end is read from the run row).</summary>
public sealed record FinishActivityChange(DateTimeOffset At, long WorkflowId, string Kind, string Message, string? Actor, long EventSeq, long RunId) : RunChange;
