namespace Dashboard.Runtime.Contracts;

/// <summary>
/// The run store as the code that executes runs sees it. On the owner it is this instance's SQLite
/// (<c>LocalRunStorage</c>); on a worker instance it is the owner, reached through a transport module.
/// </summary>
public interface IRunStorage
{
    /// <summary>Atomically claims the fresh Queued runs of these events (marks them Running) and returns their ids.</summary>
    Task<IReadOnlyList<long>> ClaimForEventsAsync(IReadOnlyList<long> eventSeqs, CancellationToken cancellationToken);

    /// <summary>
    /// The records of several claimed runs in one read, or null where that is not worth it (a worker instance, whose
    /// executor loads each run from the owner).
    /// </summary>
    Task<IReadOnlyList<RunRecord>?> LoadManyAsync(IReadOnlyList<long> runIds, CancellationToken cancellationToken);

    /// <summary>The run with its workflow version and event; <see cref="RunRecord.ExecutedBy"/> names this instance.</summary>
    Task<RunRecord?> LoadAsync(long runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<CompletedStep>> CompletedStepsAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Commits the statements together; completes only once they are durable in the owner's store.</summary>
    Task WriteAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken);

    /// <summary>
    /// A run's last write of this execution (its end, or its return to the queue): commits the statements together like
    /// <see cref="WriteAsync"/> and then calls <paramref name="settled"/> once, with null when they are durable or with the
    /// failure; never throws. A store may return as soon as the write is queued and call <paramref name="settled"/> on its
    /// own thread, so the caller can take other work meanwhile; <paramref name="settled"/> must then only publish, queue or
    /// signal. By default the write is awaited and <paramref name="settled"/> called on the caller's thread.
    /// </summary>
    async Task WriteLastAsync(IReadOnlyList<SqlStatement> statements, Action<Exception?> settled, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await WriteAsync(statements, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        settled(failure);
    }
}
