using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Contracts;

/// <summary>What a worker needs to execute a claimed run: where it stands, its workflow version and its event.</summary>
public sealed record RunRecord(
    long Id,
    long WorkflowId,
    string WorkflowName,
    int WorkflowVersion,
    string? StepsJson,
    long EventSeq,
    int StepIndex,
    int Attempt,
    string? Variables,
    string? Initiator,
    bool CancelRequested,
    DateTimeOffset? StartedAt,
    JsonObject? Event)
{
    /// <summary>The instance executing the run (scale-out); stored with the run when it starts.</summary>
    public string? ExecutedBy { get; init; }

    /// <summary>The event definition the run's event came through; a sync definition's run produces a response.</summary>
    public long? DefinitionId { get; init; }
}

/// <summary>A completed step's output, reloaded on resume instead of executing the step again.</summary>
public sealed record CompletedStep(int Index, string Name, string? Output);
