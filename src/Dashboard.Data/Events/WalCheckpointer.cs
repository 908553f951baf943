using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Dashboard.Data.Events;

/// <summary>
/// Copies committed WAL pages into the database file on its own connection (<c>wal_checkpoint(PASSIVE)</c>, which
/// never blocks the writer), so the group-commit writer does not do it inside its COMMIT: SQLite's automatic
/// checkpoint runs on the committing connection and costs page writes and a database fsync while every queued request
/// waits. The writer keeps a larger automatic checkpoint as a safety net; it then finds the pages already copied and
/// mostly just resets the WAL. Durability is unchanged: each commit is still fsynced to the WAL first.
/// </summary>
internal sealed partial class WalCheckpointer(SqliteConnectionFactory connections, ILogger logger)
{
    /// <summary>The writer's own automatic checkpoint, in WAL pages (SQLite's default is 1,000).</summary>
    public const int WriterAutoCheckpointPages = 8_000;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Called after a commit; cheap and non-blocking.</summary>
    public void Committed() => _signal.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var connection = await connections.OpenAsync(stoppingToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            while (await _signal.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                _signal.Reader.TryRead(out _);
                try
                {
                    await command.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex);
                }

                await Task.Delay(Pause, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL checkpoint failed; the writer's own checkpoint takes over")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
