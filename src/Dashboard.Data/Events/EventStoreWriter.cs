using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Events;

/// <summary>
/// The one writer of events, ledger rows and activity. Concurrent requests queue here; the writer drains what
/// has queued and commits it in one transaction (group commit), so durability (synchronous=FULL) costs one
/// fsync per batch rather than per event. A request completes only after its transaction committed.
/// </summary>
public sealed class EventStoreWriter : BackgroundService, IEventWriteQueue
{
    private readonly Channel<WriteRequest> _queue;
    private readonly SqliteConnectionFactory _connections;
    private readonly EventStoreOptions _options;
    private readonly ILogger<EventStoreWriter> _logger;
    private readonly WalCheckpointer _checkpointer;

    public EventStoreWriter(SqliteConnectionFactory connections, IOptions<EventStoreOptions> options, ILogger<EventStoreWriter> logger)
    {
        _connections = connections;
        _options = options.Value;
        _logger = logger;
        _checkpointer = new WalCheckpointer(connections, logger);
        _queue = Channel.CreateBounded<WriteRequest>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Raised on the writer's thread after each commit, with what it committed.</summary>
    public event Action<IReadOnlyList<CommittedWrite>>? Committed;

    /// <summary>Requests waiting for the writer.</summary>
    public int QueueLength => _queue.Reader.Count;

    /// <summary>Queues a request, waiting for room; for writes that must not be refused (workflow run progress).</summary>
    public ValueTask EnqueueAsync(WriteRequest request, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(request, cancellationToken);

    /// <summary>Queues a request; false when the queue is full (answer 429).</summary>
    public bool TryEnqueue(WriteRequest request) => _queue.Writer.TryWrite(request);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var connection = await _connections.OpenAsync(stoppingToken).ConfigureAwait(false);
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA wal_autocheckpoint={WalCheckpointer.WriterAutoCheckpointPages};";
            pragma.ExecuteNonQuery();
        }

        var checkpoints = _checkpointer.RunAsync(stoppingToken);
        using var commands = new EventStoreCommands(connection);
        var batch = new List<WriteRequest>(_options.MaxRequestsPerCommit);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _options.MaxRequestsPerCommit && _queue.Reader.TryRead(out var request))
                {
                    batch.Add(request);
                }

                CommitBatch(connection, commands, batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Whatever was queued but not written is answered as not stored, never as stored.
            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Fail(new OperationCanceledException("The event store is shutting down."));
            }

            await checkpoints.ConfigureAwait(false);
        }
    }

    private void CommitBatch(SqliteConnection connection, EventStoreCommands commands, List<WriteRequest> batch)
    {
        try
        {
            var committed = WriteInTransaction(connection, commands, batch);
            _checkpointer.Committed();
            Publish(committed);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One bad request must not fail its neighbours: retry each alone.
            _logger.LogWarning(ex, "Group commit of {Count} requests failed; retrying one by one", batch.Count);
            foreach (var request in batch)
            {
                try
                {
                    Publish(WriteInTransaction(connection, commands, [request]));
                }
                catch (Exception single)
                {
                    _logger.LogError(single, "Storing an ingestion request failed");
                    request.Fail(single);
                }
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Storing an ingestion request failed");
            batch[0].Fail(ex);
        }
    }

    private List<CommittedWrite> WriteInTransaction(SqliteConnection connection, EventStoreCommands commands, IReadOnlyList<WriteRequest> batch)
    {
        using var transaction = connection.BeginTransaction();
        commands.Enlist(transaction);
        var written = new List<CommittedWrite>(batch.Count);
        foreach (var request in batch)
        {
            written.Add(new CommittedWrite(request, EventStoreRows.Write(commands, request)));
        }

        EventStoreRows.WriteTokenUses(commands, batch);
        transaction.Commit();
        foreach (var item in written)
        {
            item.Request.Complete(item.Results);
        }

        return written;
    }

    private void Publish(List<CommittedWrite> committed)
    {
        try
        {
            Committed?.Invoke(committed);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A listener of committed events failed");
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A request and what the writer stored for it.</summary>
public sealed record CommittedWrite(WriteRequest Request, IReadOnlyList<StoredEvent> Results);
