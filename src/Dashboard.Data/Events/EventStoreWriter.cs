using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Events;

/// <summary>
/// The one writer of events, ledger rows and activity. Concurrent requests queue here; the writer drains what
/// has queued and commits it in one transaction (group commit), so durability (synchronous=FULL) costs one
/// fsync per batch rather than per event. A request completes only after its transaction committed.
/// Ingestion (a client waits for its answer) and background work (run progress, claims) queue separately, so run
/// writes never take the room that decides when ingestion answers 429; each commit takes what both have waiting.
/// Ingestion is refused when its queue is full, or while its oldest request has waited longer than
/// <see cref="EventStoreOptions.MaxQueueWaitMilliseconds"/> for its commit (<see cref="IsBehind"/>).
/// </summary>
public sealed class EventStoreWriter : BackgroundService, IEventWriteQueue
{
    private readonly Channel<WriteRequest> _ingest;
    private readonly Channel<WriteRequest> _background;
    private readonly SqliteConnectionFactory _connections;
    private readonly EventStoreOptions _options;
    private readonly TimeProvider _clock;
    private readonly long _maxQueueWait;
    private readonly ILogger<EventStoreWriter> _logger;
    private readonly WalCheckpointer _checkpointer;
    private readonly IServiceProvider? _services;
    private ICommittedWritesListener[] _listeners = [];

    // When the oldest ingestion request of the commit under way was queued; 0 while no ingestion request is being committed.
    private long _committingSince;

    /// <param name="services">Where the <see cref="ICommittedWritesListener"/>s are resolved when the writer starts (they
    /// depend on services that write through this writer, so they cannot be constructor arguments).</param>
    public EventStoreWriter(SqliteConnectionFactory connections, IOptions<EventStoreOptions> options, TimeProvider clock,
        ILogger<EventStoreWriter> logger, IServiceProvider? services = null)
    {
        _services = services;
        _connections = connections;
        _options = options.Value;
        _clock = clock;
        _maxQueueWait = _options.MaxQueueWaitMilliseconds * clock.TimestampFrequency / 1_000;
        _logger = logger;
        _checkpointer = new WalCheckpointer(connections, logger);
        _ingest = Bounded(_options.QueueCapacity);
        _background = Bounded(_options.QueueCapacity);
    }

    private static Channel<WriteRequest> Bounded(int capacity) =>
        Channel.CreateBounded<WriteRequest>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Totals since start: commits, what they carried, time spent writing and committing.</summary>
    public WriterStatistics Statistics { get; } = new();

    /// <summary>Ingestion requests waiting for the writer.</summary>
    public int IngestionQueueLength => _ingest.Reader.Count;

    /// <summary>Background requests (run progress, claims) waiting for the writer.</summary>
    public int BackgroundQueueLength => _background.Reader.Count;

    /// <summary>Requests waiting for the writer (ingestion and background).</summary>
    public int QueueLength => _ingest.Reader.Count + _background.Reader.Count;

    /// <summary>True while the ingestion queue is full: a new ingestion request would be refused.</summary>
    public bool IsFull => _ingest.Reader.Count >= _options.QueueCapacity;

    /// <summary>
    /// How long the oldest ingestion request not yet committed has waited: the oldest of the commit under way, else the
    /// head of the queue. Reads one field and peeks the queue's head; allocates nothing.
    /// </summary>
    public TimeSpan OldestIngestionWait => OldestIngestionQueuedAt() is var since and not 0 ? _clock.GetElapsedTime(since) : TimeSpan.Zero;

    /// <summary>
    /// True while the oldest ingestion request not yet committed has waited longer than
    /// <see cref="EventStoreOptions.MaxQueueWaitMilliseconds"/>: a new ingestion request should be refused (429) so that
    /// accepted ones keep a short wait. Always false when that option is 0.
    /// </summary>
    public bool IsBehind => _maxQueueWait > 0 && OldestIngestionQueuedAt() is var since and not 0 && _clock.GetTimestamp() - since > _maxQueueWait;

    /// <summary>When the oldest ingestion request not yet committed was queued; 0 when none waits.</summary>
    private long OldestIngestionQueuedAt()
    {
        // The commit under way holds the oldest requests (the writer drains the queue in order), so the queue is peeked
        // only while nothing is being committed.
        var since = Volatile.Read(ref _committingSince);
        return since == 0 && _ingest.Reader.TryPeek(out var head) ? head.QueuedAt : since;
    }

    /// <summary>Queues background work, waiting for room; for writes that must not be refused (workflow run progress).</summary>
    public ValueTask EnqueueAsync(WriteRequest request, CancellationToken cancellationToken) =>
        _background.Writer.WriteAsync(request, cancellationToken);

    /// <summary>Queues an ingestion request; false when the queue is full (answer 429).</summary>
    public bool TryEnqueue(WriteRequest request)
    {
        request.QueuedAt = _clock.GetTimestamp();
        return _ingest.Writer.TryWrite(request);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _listeners = _services?.GetServices<ICommittedWritesListener>().ToArray() ?? [];
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
            while (await WaitForRequestsAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _options.MaxRequestsPerCommit && _ingest.Reader.TryRead(out var request))
                {
                    batch.Add(request);
                }

                if (batch.Count > 0)
                {
                    Volatile.Write(ref _committingSince, batch[0].QueuedAt);
                }

                // Background work has its own allowance, so a steady stream of ingestion never starves runs.
                for (var taken = 0; taken < _options.MaxRequestsPerCommit && _background.Reader.TryRead(out var request); taken++)
                {
                    batch.Add(request);
                }

                CommitBatch(connection, commands, batch);
                Volatile.Write(ref _committingSince, 0);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Whatever was queued but not written is answered as not stored, never as stored.
            foreach (var queue in new[] { _ingest, _background })
            {
                while (queue.Reader.TryRead(out var pending))
                {
                    pending.Fail(new OperationCanceledException("The event store is shutting down."));
                }
            }

            await checkpoints.ConfigureAwait(false);
        }
    }

    /// <summary>Waits until either queue has a request; false once both are completed and empty.</summary>
    private async ValueTask<bool> WaitForRequestsAsync(CancellationToken cancellationToken)
    {
        if (_ingest.Reader.TryPeek(out _) || _background.Reader.TryPeek(out _))
        {
            return true;
        }

        var ingest = _ingest.Reader.WaitToReadAsync(cancellationToken).AsTask();
        var background = _background.Reader.WaitToReadAsync(cancellationToken).AsTask();
        var first = await Task.WhenAny(ingest, background).ConfigureAwait(false);
        if (await first.ConfigureAwait(false))
        {
            return true;
        }

        // That queue is completed and empty; the other may still hold requests.
        return await (first == ingest ? background : ingest).ConfigureAwait(false);
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
                    Statistics.RecordFailure(single);
                    request.Fail(StoreFailures.Translate(single));
                }
            }
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _committingSince, 0);
            _logger.LogError(ex, "Storing an ingestion request failed");
            Statistics.RecordFailure(ex);
            batch[0].Fail(StoreFailures.Translate(ex));
        }
    }

    private List<CommittedWrite> WriteInTransaction(SqliteConnection connection, EventStoreCommands commands, IReadOnlyList<WriteRequest> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var written = new List<CommittedWrite>(batch.Count);
        long executed;
        try
        {
            using var transaction = connection.BeginTransaction();
            commands.Enlist(transaction);
            foreach (var request in batch)
            {
                written.Add(new CommittedWrite(request, EventStoreRows.Write(commands, request)));
            }

            EventStoreRows.WriteTokenUses(commands, batch);
            executed = Stopwatch.GetTimestamp();
            transaction.Commit();
        }
        catch
        {
            // The transaction rolled back: trace ids it created do not exist.
            commands.Traces.RolledBack();
            throw;
        }

        commands.Traces.Committed();
        Statistics.Record(batch, executed - started, Stopwatch.GetTimestamp() - executed);
        // Committed: their wait no longer counts. Cleared before they are answered, so a client that got its answer never
        // finds its own request still counted as waiting on its next request.
        Volatile.Write(ref _committingSince, 0);
        foreach (var item in written)
        {
            try
            {
                item.Request.Complete(item.Results);
            }
            catch (Exception ex)
            {
                // Committed already: a failing after-commit call must not send the batch to the one-by-one retry.
                _logger.LogError(ex, "Answering a committed request failed");
            }
        }

        return written;
    }

    private void Publish(List<CommittedWrite> committed)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                listener.OnCommitted(committed);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A listener of committed events failed");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _ingest.Writer.TryComplete();
        _background.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A request and what the writer stored for it.</summary>
public sealed record CommittedWrite(WriteRequest Request, IReadOnlyList<StoredEvent> Results);
