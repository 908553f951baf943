using System.Text.Json.Serialization;

namespace Dashboard.Runtime.Workflows.Store;

/// <summary>
/// A run write as typed data. A worker instance sends these to the owner, which turns each back into the very
/// statement a local run writes (<see cref="ToStatement"/>), so SQL never travels and both paths write the same rows.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "change")]
[JsonDerivedType(typeof(StepResultChange), "step-result")]
[JsonDerivedType(typeof(ProgressChange), "progress")]
[JsonDerivedType(typeof(FinishChange), "finish")]
[JsonDerivedType(typeof(StartedChange), "started")]
[JsonDerivedType(typeof(ActivityChange), "activity")]
[JsonDerivedType(typeof(RequeueChange), "requeue")]
[JsonDerivedType(typeof(CompletedChange), "completed")]
public abstract record RunChange
{
    public abstract SqlStatement ToStatement();
}

public sealed record StepResultChange(long RunId, int Index, string Name, string Type, int Attempt, string State, string? Input, string? Output,
    string? Error, bool Retryable, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string? IdempotencyKey) : RunChange
{
    public override SqlStatement ToStatement() => RunStatements.StepResult(
        RunId, Index, Name, Type, Attempt, State, Input, Output, Error, Retryable, StartedAt, FinishedAt, IdempotencyKey);
}

public sealed record ProgressChange(long RunId, int StepIndex, int Attempt, string Variables, string State, DateTimeOffset? NextAttemptAt, DateTimeOffset Now)
    : RunChange
{
    public override SqlStatement ToStatement() => RunStatements.Progress(RunId, StepIndex, Attempt, Variables, State, NextAttemptAt, Now);
}

public sealed record FinishChange(long RunId, string State, string? Error, string? FailedStep, DateTimeOffset Now) : RunChange
{
    public override SqlStatement ToStatement() => RunStatements.Finish(RunId, State, Error, FailedStep, Now);
}

public sealed record StartedChange(long RunId, DateTimeOffset Now, string? ExecutedBy) : RunChange
{
    public override SqlStatement ToStatement() => RunStatements.Started(RunId, Now, ExecutedBy);
}

public sealed record ActivityChange(DateTimeOffset At, long? WorkflowId, string Kind, string Message, string? Actor, long? EventSeq, long? RunId) : RunChange
{
    public override SqlStatement ToStatement() => RunStatements.Activity(At, WorkflowId, Kind, Message, Actor, EventSeq, RunId);
}

public sealed record RequeueChange(long RunId, DateTimeOffset NextAttemptAt, DateTimeOffset Now) : RunChange
{
    public override SqlStatement ToStatement() => RunStatements.Requeue(RunId, NextAttemptAt, Now);
}

public sealed record CompletedChange(long RunId, int StepIndex, string Variables, DateTimeOffset Now, DateTimeOffset? StartedAt = null, string? ExecutedBy = null)
    : RunChange
{
    public override SqlStatement ToStatement() => RunStatements.Completed(RunId, StepIndex, Variables, Now, StartedAt, ExecutedBy);
}
