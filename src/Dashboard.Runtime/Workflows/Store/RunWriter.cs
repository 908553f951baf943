using Dashboard.Runtime.Streaming;
using System.Threading.Channels;
using Dashboard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Runtime.Workflows.Store;

/// <summary>
/// The single writer of run progress: step results, run state and run activity from every worker queue here and
/// commit together in one transaction, so many workers cost one SQLite write lock per batch rather than per step.
/// A write completes only after its transaction committed.
/// </summary>
public sealed partial class RunWriter(SqliteConnectionFactory connections, ILiveFeed feed, ILogger<RunWriter> logger) : BackgroundService
{
    private const int MaxWritesPerCommit = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Raised after each commit (on the writer's thread).</summary>
    public event Action? Committed;

    public Task WriteAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        var pending = new Pending(statements);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The run writer has stopped.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxWritesPerCommit);
        await using var connection = await connections.OpenAsync(stoppingToken).ConfigureAwait(false);
        var commands = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < MaxWritesPerCommit && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                Commit(connection, commands, batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var command in commands.Values)
            {
                command.Dispose();
            }

            while (_queue.Reader.TryRead(out var left))
            {
                left.Completion.TrySetException(new OperationCanceledException("The run writer is shutting down."));
            }
        }
    }

    private void Commit(SqliteConnection connection, Dictionary<string, SqliteCommand> commands, List<Pending> batch)
    {
        try
        {
            Write(connection, commands, batch);
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            LogBatchFailed(logger, ex, batch.Count);
            foreach (var item in batch)
            {
                try
                {
                    Write(connection, commands, [item]);
                }
                catch (Exception single)
                {
                    LogWriteFailed(logger, single);
                    item.Completion.TrySetException(single);
                }
            }
        }
        catch (Exception ex)
        {
            LogWriteFailed(logger, ex);
            batch[0].Completion.TrySetException(ex);
        }
    }

    private void Write(SqliteConnection connection, Dictionary<string, SqliteCommand> commands, IReadOnlyList<Pending> batch)
    {
        using (var transaction = connection.BeginTransaction())
        {
            foreach (var item in batch)
            {
                foreach (var statement in item.Statements)
                {
                    if (!commands.TryGetValue(statement.Sql, out var command))
                    {
                        command = connection.CreateCommand();
                        command.CommandText = statement.Sql;
                        commands[statement.Sql] = command;
                    }

                    command.Transaction = transaction;
                    command.Parameters.Clear();
                    foreach (var (name, value) in statement.Parameters)
                    {
                        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
                    }

                    command.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        foreach (var item in batch)
        {
            item.Completion.TrySetResult();
            foreach (var statement in item.Statements)
            {
                if (statement.Notice is { } notice)
                {
                    feed.Publish(notice);
                }
            }
        }

        try
        {
            Committed?.Invoke();
        }
        catch (Exception ex)
        {
            LogListenerFailed(logger, ex);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed record Pending(IReadOnlyList<SqlStatement> Statements)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing {Count} run writes together failed; retrying one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing run progress failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A listener of run commits failed")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception);
}
