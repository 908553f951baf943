namespace Dashboard.Runtime.Streaming;

/// <summary>Running totals since start, for rates and charts (sample twice and subtract). Lock-free.</summary>
public sealed class LiveCounters
{
    private long _accepted;
    private long _duplicate;
    private long _rejected;
    private long _runsSucceeded;
    private long _runsFailed;

    public long Accepted => Interlocked.Read(ref _accepted);
    public long Duplicate => Interlocked.Read(ref _duplicate);

    /// <summary>Every refusal: auth, invalid, unmatched, disabled, too large, unsupported media type.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);
    public long RunsSucceeded => Interlocked.Read(ref _runsSucceeded);
    public long RunsFailed => Interlocked.Read(ref _runsFailed);

    public LiveCountersSnapshot Snapshot() => new(Accepted, Duplicate, Rejected, RunsSucceeded, RunsFailed);

    internal void CountOutcome(string outcome, long? definitionId = null)
    {
        Telemetry.RuntimeMetrics.EventCommitted(outcome, definitionId);
        switch (outcome)
        {
            case "Accepted":
                Interlocked.Increment(ref _accepted);
                break;
            case "Duplicate":
                Interlocked.Increment(ref _duplicate);
                break;
            case "Overloaded":
                break;
            default:
                Interlocked.Increment(ref _rejected);
                break;
        }
    }

    internal void Count(LiveItem item)
    {
        if (item.Kind == LiveItemKind.Run)
        {
            Telemetry.RuntimeMetrics.RunChanged(item.Outcome, item.WorkflowId);
        }

        switch (item.Kind)
        {
            case LiveItemKind.Ingestion:
                CountOutcome(item.Outcome, item.DefinitionId);
                break;
            case LiveItemKind.Run when RunOutcomes.IsSucceeded(item.Outcome):
                Interlocked.Increment(ref _runsSucceeded);
                break;
            case LiveItemKind.Run when RunOutcomes.IsFailed(item.Outcome):
                Interlocked.Increment(ref _runsFailed);
                break;
        }
    }
}

public readonly record struct LiveCountersSnapshot(long Accepted, long Duplicate, long Rejected, long RunsSucceeded, long RunsFailed);
