using Dashboard.Data.Events;
using Dashboard.Runtime.Streaming;

namespace Dashboard.Runtime.Workflows.Store;

/// <summary>
/// Writes run progress (step results, run state, run activity) through the event store's single writer, so run
/// progress and incoming events share one group commit: one SQLite write lock and one fsync per batch for both,
/// instead of two writers taking turns. A write completes only after its transaction committed; its live-feed
/// notices are published then.
/// </summary>
public sealed class RunWriter(EventStoreWriter store, ILiveFeed feed)
{
    public async Task WriteAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        var request = WriteRequest.ForStatements(statements.Select(s => new StoreStatement(s.Sql, s.Parameters)).ToList());
        await store.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        await request.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var statement in statements)
        {
            if (statement.Notice is { } notice)
            {
                feed.Publish(notice);
            }
        }
    }
}
