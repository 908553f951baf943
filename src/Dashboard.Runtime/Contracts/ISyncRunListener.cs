namespace Dashboard.Runtime.Contracts;

/// <summary>
/// Told after a sync event's run finished and its end committed (on the instance that holds the store). The core's
/// waiters complete from it; a transport module may pass it on to the instance where the caller waits.
/// A listener returns at once; it never blocks the writer.
/// </summary>
public interface ISyncRunListener
{
    void OnSyncRunFinished(SyncRunFinished finished);
}

/// <summary>The answer of a sync event's run: its state, the status for the caller, the response body (success) or the error.</summary>
public sealed record SyncRunFinished(long RunId, long EventSeq, string State, string? Error, int Status, string? Response);
