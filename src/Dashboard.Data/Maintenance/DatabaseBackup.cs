using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Dashboard.Data.Maintenance;

/// <summary>
/// An online, consistent copy of the database with <c>VACUUM INTO</c>: it reads one snapshot (a WAL read
/// transaction), so the writer goes on committing while it runs and the copy holds exactly what was committed when it
/// began. The copy is written under a temporary name, checked with <c>PRAGMA quick_check</c> and then renamed, so a
/// backup file that exists is complete. The Data Protection keys (needed to decrypt HMAC secrets) are copied beside it.
/// </summary>
public sealed class DatabaseBackup(SqliteConnectionFactory connections, IOptions<StorageOptions> storage)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The default folder for backups: <c>backups/</c> in the data folder.</summary>
    public string DefaultFolder => Path.Combine(Path.GetDirectoryName(storage.Value.DatabasePath)!, "backups");

    /// <summary>A new file name in <see cref="DefaultFolder"/> stamped with <paramref name="at"/>.</summary>
    public string DefaultPath(DateTimeOffset at) => Path.Combine(DefaultFolder, $"dashboard-{at.UtcDateTime:yyyyMMdd-HHmmss-fff}.db");

    /// <summary>True while a backup runs (a second one is refused rather than queued).</summary>
    public bool IsRunning => _one.CurrentCount == 0;

    /// <summary>Writes a backup to <paramref name="destination"/> (which must not exist); null when another backup is running.</summary>
    public async Task<BackupResult?> CreateAsync(string destination, CancellationToken cancellationToken)
    {
        if (!await _one.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            return await CopyAsync(Path.GetFullPath(destination), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<BackupResult> CopyAsync(string destination, CancellationToken cancellationToken)
    {
        if (File.Exists(destination))
        {
            throw new IOException($"The backup file {destination} already exists.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var partial = destination + ".partial";
        File.Delete(partial);
        var started = Stopwatch.GetTimestamp();
        await using (var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $path;";
            vacuum.Parameters.AddWithValue("$path", partial);
            await vacuum.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var events = await CheckAsync(partial, cancellationToken).ConfigureAwait(false);
        File.Move(partial, destination);
        var keys = Path.Combine(Path.GetDirectoryName(storage.Value.DatabasePath)!, "keys");
        var keysCopy = Path.ChangeExtension(destination, ".keys");
        if (Directory.Exists(keys))
        {
            Directory.CreateDirectory(keysCopy);
            foreach (var file in Directory.GetFiles(keys))
            {
                File.Copy(file, Path.Combine(keysCopy, Path.GetFileName(file)), overwrite: true);
            }
        }

        return new BackupResult(destination, new FileInfo(destination).Length, events, Stopwatch.GetElapsedTime(started),
            Directory.Exists(keysCopy) ? keysCopy : null);
    }

    /// <summary>Checks the copy and counts its events.</summary>
    private static async Task<long> CheckAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA quick_check;";
        var result = (string?)await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (result != "ok")
        {
            throw new IOException($"The backup failed its check: {result}");
        }

        check.CommandText = "SELECT COUNT(*) FROM events;";
        return Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>A finished backup: where, how large, how many events it holds, how long it took, and where the keys' copy is.</summary>
public sealed record BackupResult(string Path, long Bytes, long Events, TimeSpan Duration, string? KeysPath);
