namespace Dashboard.Data.Events;

/// <summary>An event to store. Unique by (<see cref="Source"/>, <see cref="Id"/>), the CloudEvents identity.</summary>
public sealed record NewEvent(
    string Id,
    string Source,
    string Type,
    string? Subject,
    DateTimeOffset? Time,
    string? DataContentType,
    string? DataSchema,
    string? ExtensionsJson,
    ReadOnlyMemory<byte>? Data,
    bool DataIsJson,
    long? DefinitionId,
    string ContentMode,
    string? Initiator,
    string? CausationId,
    string? RoutingJson,
    IReadOnlyList<QueuedRun> Runs)
{
    /// <summary>The trace steps the pipeline decided (a JSON fragment, see <see cref="IngestionTrace"/>); the writer adds de-duplication.</summary>
    public string? TraceHead { get; init; }

    /// <summary>The routing steps (workflows matched or not, runs) appended when the event is new; a duplicate gets none.</summary>
    public string? TraceRouted { get; init; }

    /// <summary>A caller waits for this event's run (a sync HTTP event): its run is claimed before other due runs.</summary>
    public bool Sync { get; init; }

    /// <summary>
    /// How many of <see cref="Runs"/>, from the first, the writer inserts already claimed (<c>Running</c>) because a worker
    /// of this process waits for them; the rest are inserted <c>Queued</c>. The runtime decides; the writer only writes it.
    /// </summary>
    public int ClaimedRuns { get; init; }
}

/// <summary>A workflow run to queue for an accepted event, bound to the workflow version current at routing time.</summary>
public sealed record QueuedRun(long WorkflowId, int WorkflowVersion);

/// <summary>One ingestion outcome: every request (accepted or not) leaves one ledger entry per event or attempt (an accepted event's is its own row).</summary>
public sealed record LedgerRow(
    DateTimeOffset At,
    string? RemoteAddress,
    string? Route,
    string? ContentMode,
    string Outcome,
    int Status,
    string? Reason,
    long? DefinitionId,
    long? TokenId,
    string? EventId,
    string? EventSource,
    string? EventType)
{
    /// <summary>The whole trace of a rejection (compact JSON, see <see cref="IngestionTrace"/>); stored events compose theirs per event.</summary>
    public string? Trace { get; init; }
}

/// <summary>An entry in a workflow's activity log (or the global log when <see cref="WorkflowId"/> is null).</summary>
public sealed record ActivityRow(
    DateTimeOffset At,
    long? WorkflowId,
    string Kind,
    string Message,
    string? Actor,
    string? RemoteAddress,
    long? TokenId);

/// <summary>
/// What the writer stored for one event: its sequence number, or that it was a duplicate. <see cref="LedgerId"/> is
/// the Id of its ledger entry (<see cref="LedgerLogSql"/>): a duplicate's ledger row, or an accepted event's negated Seq.
/// </summary>
public readonly record struct StoredEvent(long? Seq, bool Duplicate, long LedgerId)
{
    /// <summary>The ids of the runs inserted claimed (<see cref="NewEvent.ClaimedRuns"/>), in <see cref="NewEvent.Runs"/> order; null when none.</summary>
    public IReadOnlyList<long>? ClaimedRunIds { get; init; }
}

/// <summary>A token use to record with the next batch (last used time, or a failure).</summary>
public readonly record struct TokenUse(long TokenId, DateTimeOffset At, bool Failed);
