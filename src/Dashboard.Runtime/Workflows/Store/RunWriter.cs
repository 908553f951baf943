using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Streaming;

namespace Dashboard.Runtime.Workflows.Store;

/// <summary>
/// Writes run progress (step results, run state, run activity) through the event store's single writer, so run
/// progress and incoming events share one group commit: one SQLite write lock and one fsync per batch for both,
/// instead of two writers taking turns. A write completes only after its transaction committed; its live-feed
/// notices are published then.
/// </summary>
public sealed class RunWriter(EventStoreWriter store, ILiveFeed feed, IEnumerable<ISyncRunListener> syncListeners)
{
    private readonly ISyncRunListener[] _syncListeners = syncListeners.ToArray();

    public async Task WriteAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        var request = WriteRequest.ForStatements(ToStoreStatements(statements));
        await store.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        await request.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        PublishCommitted(statements);
    }

    /// <summary>
    /// Queues the write and returns; after its commit the writer's thread publishes its notices and then calls
    /// <paramref name="settled"/> (null), so nothing waits on another thread for the commit. A write that fails, or cannot be
    /// queued, publishes nothing and passes the failure to <paramref name="settled"/>. Never throws.
    /// </summary>
    public async Task WriteLastAsync(IReadOnlyList<SqlStatement> statements, Action<Exception?> settled, CancellationToken cancellationToken)
    {
        try
        {
            var request = WriteRequest.ForStatements(ToStoreStatements(statements), failure =>
            {
                try
                {
                    if (failure is null)
                    {
                        PublishCommitted(statements);
                    }
                }
                finally
                {
                    settled(failure);
                }
            });
            await store.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Not queued: the writer never sees it, so its call is made here.
            settled(ex);
        }
    }

    /// <summary>Publishes a committed write's live-feed notices and the end of a sync event's run.</summary>
    private void PublishCommitted(IReadOnlyList<SqlStatement> statements)
    {
        foreach (var statement in statements)
        {
            if (statement.DerivedActivity is { } derived)
            {
                feed.Publish(derived);
            }

            if (statement.Notice is { } notice)
            {
                feed.Publish(notice);
                if (_syncListeners.Length > 0 && SyncFinished(statement.Change, notice) is { } finished)
                {
                    foreach (var listener in _syncListeners)
                    {
                        listener.OnSyncRunFinished(finished);
                    }
                }
            }
        }
    }

    /// <summary>A run's end that carries a caller's status (a sync event's run), or null.</summary>
    private static SyncRunFinished? SyncFinished(RunChange? change, LiveItem notice) => (change, notice.EventSeq) switch
    {
        (CompletedChange { ResponseStatus: { } status } c, { } seq) => new SyncRunFinished(c.RunId, seq, "Succeeded", null, status, c.Response),
        (FinishChange { ResponseStatus: { } status } f, { } seq) => new SyncRunFinished(f.RunId, seq, f.State, f.Error, status, f.Response),
        _ => null,
    };

    /// <summary>Most activity rows folded into one insert; bounds the number of distinct SQL texts the writer prepares.</summary>
    internal const int ActivityRowsPerInsert = 8;

    /// <summary>
    /// The write's statements in order, except that its activity rows go last as multi-row inserts, followed by a run's
    /// end: the end's activity row (written only for a run that already ended once) and then the run's end update, which
    /// places a first end after the write's other rows (M021). Rows of one write commit together, so moving them after the
    /// run's other rows changes nothing a reader can see; a run's start update stays first, so its rows sort after its start.
    /// </summary>
    internal static List<StoreStatement> ToStoreStatements(IReadOnlyList<SqlStatement> statements)
    {
        var result = new List<StoreStatement>(statements.Count);
        List<SqlStatement>? activity = null;
        List<SqlStatement>? ends = null;
        List<SqlStatement>? endActivity = null;
        foreach (var statement in statements)
        {
            switch (statement.Change)
            {
                case ActivityChange:
                    (activity ??= []).Add(statement);
                    break;
                case FinishActivityChange:
                    (endActivity ??= []).Add(statement);
                    break;
                case FinishChange or CompletedChange:
                    (ends ??= []).Add(statement);
                    break;
                default:
                    result.Add(ToStore(statement));
                    break;
            }
        }

        for (var i = 0; activity is not null && i < activity.Count; i += ActivityRowsPerInsert)
        {
            var chunk = activity.GetRange(i, Math.Min(ActivityRowsPerInsert, activity.Count - i));
            result.Add(chunk.Count == 1 ? ToStore(chunk[0]) : RunStatements.Activities(chunk.ConvertAll(s => (ActivityChange)s.Change!)));
        }

        result.AddRange((endActivity ?? []).Concat(ends ?? []).Select(ToStore));
        return result;
    }

    private static StoreStatement ToStore(SqlStatement statement) => new(statement.Sql, statement.Parameters);
}
