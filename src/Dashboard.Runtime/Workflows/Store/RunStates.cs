namespace Dashboard.Runtime.Workflows.Store;

/// <summary>
/// Run states as stored. Queued → Running → Succeeded | Failed | DeadLettered | Cancelled. A run waiting for a retry
/// or a delay is Queued with <c>NextAttemptAt</c> in the future.
/// </summary>
public static class RunStates
{
    public const string Queued = "Queued";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string DeadLettered = "DeadLettered";
    public const string Cancelled = "Cancelled";

    public static IReadOnlyList<string> All { get; } = [Queued, Running, Succeeded, Failed, DeadLettered, Cancelled];

    public static bool IsFinished(string state) => state is Succeeded or Failed or DeadLettered or Cancelled;
}

/// <summary>Step result states as stored.</summary>
public static class StepStates
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Skipped = "Skipped";
}

/// <summary>Activity kinds the workflow runtime writes.</summary>
public static class ActivityKinds
{
    public const string RunStarted = "run-started";
    public const string RunSucceeded = "run-succeeded";
    public const string RunFailed = "run-failed";
    public const string RunDeadLettered = "run-dead-lettered";
    public const string RunCancelled = "run-cancelled";
    public const string RunResumed = "run-resumed";
    public const string RunReplayed = "run-replayed";
    public const string StepFailed = "step-failed";
    public const string StepRetry = "step-retry";
}
