namespace Dashboard.Runtime.Workflows.Services;

/// <summary>Which workflow version a replay runs: the one the original run ran, or the workflow's current one.</summary>
public enum ReplayVersion
{
    Original,
    Current,
}

/// <summary>
/// How to replay: from the start or from the failed step, on which version, and whether to replay a run that
/// already has a replay that is pending or succeeded (<paramref name="Force"/>).
/// </summary>
public sealed record ReplayOptions(bool FromFailedStep = false, ReplayVersion Version = ReplayVersion.Original, bool Force = false);

/// <summary>Where a dead letter stands after its replays.</summary>
public enum DeadLetterStatus
{
    /// <summary>Not replayed, or every replay failed or was cancelled: it still needs attention.</summary>
    Open,

    /// <summary>A replay is queued or running.</summary>
    Replaying,

    /// <summary>A replay succeeded.</summary>
    Resolved,

    /// <summary>Its replay was dead-lettered too; that replay is the open dead letter now.</summary>
    ReplayDeadLettered,
}

/// <summary>A replay of a run (direct, or a replay of one of its replays), as linked from the original run.</summary>
public sealed record ReplayLink(long RunId, long ReplayOf, string State, int WorkflowVersion, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? Initiator, string? Reason);

/// <summary>A dead-lettered run that has been replayed: its latest replay and that replay's outcome.</summary>
public sealed record ReplayedDeadLetter(
    long RunId, long WorkflowId, string? WorkflowName, string? Error, DateTimeOffset FailedAt, DeadLetterStatus Status,
    long LatestReplayId, string LatestReplayState, int ReplayCount);
