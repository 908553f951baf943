using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.Services;

/// <summary>A run as listed: state, position and timing.</summary>
public sealed record RunSummary(
    long Id, long WorkflowId, string? WorkflowName, int WorkflowVersion, long EventSeq, string State, int StepIndex, int Attempt,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset? NextAttemptAt,
    string? Error, string? FailedStep, string? Initiator, long? ReplayOf, string? Reason, bool CancelRequested);

/// <summary>One stored step attempt. Input and output are JSON text, shown as text.</summary>
public sealed record StepResultView(
    long Id, int StepIndex, string StepName, string StepType, int Attempt, string State, string? Input, string? Output, string? Error,
    bool Retryable, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, long? DurationMs, string? IdempotencyKey);

/// <summary>An event linked to a run: the one that triggered it, or one it published.</summary>
public sealed record LinkedEvent(long Seq, string Id, string Source, string Type, DateTimeOffset ReceivedAt);

/// <summary>A run with its steps and events, and every replay made of it (and of its replays), oldest first.</summary>
public sealed record RunDetail(
    RunSummary Run, IReadOnlyList<StepResultView> Steps, LinkedEvent? Trigger, IReadOnlyList<LinkedEvent> Published, JsonObject? Variables,
    IReadOnlyList<ReplayLink> Replays);

public sealed record RunFilter(string? State = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Page = 1, int PageSize = 50);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public sealed record ActivityEntry(long Id, DateTimeOffset At, long? WorkflowId, string Kind, string Message, string? Actor, long? EventSeq, long? RunId, string? RemoteAddress);

/// <summary>Open dead-lettered runs of one workflow that failed with the same error (replayed ones are listed apart).</summary>
public sealed record DeadLetterGroup(long WorkflowId, string? WorkflowName, string? FailedStep, string? Error, long Count, DateTimeOffset LastAt, IReadOnlyList<long> RecentRunIds);

/// <summary>Which runs to replay in bulk: one workflow's runs in a finished state (optionally with one error or time range).</summary>
public sealed record ReplayFilter(long WorkflowId, string State, string? Error = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

public enum CommandStatus
{
    Done,
    NotFound,
    Conflict,
    Invalid,
}

public sealed record CommandResult(CommandStatus Status, string Message, IReadOnlyList<long> RunIds)
{
    public static CommandResult Done(string message, params long[] runIds) => new(CommandStatus.Done, message, runIds);

    public static CommandResult Fail(CommandStatus status, string message) => new(status, message, []);
}
