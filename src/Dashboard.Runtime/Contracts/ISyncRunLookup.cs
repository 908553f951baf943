namespace Dashboard.Runtime.Contracts;

/// <summary>
/// One read of the store for a sync event's answer: by its sequence number (a run that finished before its caller
/// began to wait) or by its CloudEvents identity (a retried request). Never read in a loop: waiters are completed
/// by <see cref="ISyncRunListener"/>.
/// </summary>
public interface ISyncRunLookup
{
    Task<SyncRunState?> FindAsync(long eventSeq, CancellationToken cancellationToken);

    Task<SyncRunState?> FindAsync(string source, string id, CancellationToken cancellationToken);

    /// <summary>The CloudEvents identity of a stored event, by its sequence number (to pass a run's answer on by identity).</summary>
    Task<SyncEventIdentity?> FindIdentityAsync(long eventSeq, CancellationToken cancellationToken);
}

/// <summary>A stored sync event: its sequence number, whether it has a run, and the run's answer once it finished.</summary>
public sealed record SyncRunState(long EventSeq, long? RunId, SyncRunFinished? Finished);

/// <summary>An event's CloudEvents identity.</summary>
public sealed record SyncEventIdentity(string Source, string Id);
