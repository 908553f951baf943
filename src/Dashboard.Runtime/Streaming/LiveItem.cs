using System.Text.Json.Serialization;

namespace Dashboard.Runtime.Streaming;

/// <summary>What a live item reports: an ingestion outcome (one ledger row), an activity entry, or a run transition.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LiveItemKind>))]
public enum LiveItemKind
{
    Ingestion,
    Activity,
    Run,
}

/// <summary>
/// One entry of the live feed. <see cref="Outcome"/> is the ledger outcome (<c>Accepted</c>, <c>RejectedAuth</c>, ...),
/// the activity kind (<c>rejected-auth</c>, <c>run-failed</c>, ...) or the run state, depending on <see cref="Kind"/>.
/// </summary>
public sealed record LiveItem
{
    public required LiveItemKind Kind { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Outcome { get; init; }
    public int Status { get; init; }
    public long? EventSeq { get; init; }

    /// <summary>The ledger entry of an ingestion outcome (its routing trace is read through it; negative for a stored event, see LedgerLogSql).</summary>
    public long? LedgerId { get; init; }
    public string? EventId { get; init; }
    public string? Source { get; init; }
    public string? Type { get; init; }
    public string? Subject { get; init; }
    public long? DefinitionId { get; init; }
    public long? WorkflowId { get; init; }
    public long? RunId { get; init; }
    public string? Route { get; init; }
    public string? Message { get; init; }
    public string? RemoteAddress { get; init; }
    public long? TokenId { get; init; }
    public string? Actor { get; init; }

    /// <summary>
    /// The status a sync event's caller got, for the ingestion row of the same <see cref="LedgerId"/> published with 202
    /// when the event was stored: a view that still shows that row updates its status.
    /// </summary>
    public bool SyncAnswer { get; init; }

    /// <summary>An activity entry (the workflow runtime publishes these next to the row it stores).</summary>
    public static LiveItem ForActivity(DateTimeOffset at, long? workflowId, string kind, string message, long? runId = null, long? eventSeq = null, string? actor = null) =>
        new() { Kind = LiveItemKind.Activity, At = at, WorkflowId = workflowId, Outcome = kind, Message = message, RunId = runId, EventSeq = eventSeq, Actor = actor };

    /// <summary>A run changed state (queued, running, succeeded, failed, dead-lettered, ...).</summary>
    public static LiveItem ForRun(DateTimeOffset at, long runId, long workflowId, string state, long? eventSeq = null, string? message = null) =>
        new() { Kind = LiveItemKind.Run, At = at, RunId = runId, WorkflowId = workflowId, Outcome = state, EventSeq = eventSeq, Message = message };
}
