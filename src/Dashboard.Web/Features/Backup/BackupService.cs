using Dashboard.Data.Maintenance;

namespace Dashboard.Web.Features.Backup;

/// <summary>The one way the API, the System page and the command line take a backup, so each says the same things.</summary>
public sealed partial class BackupService(DatabaseBackup backup, TimeProvider clock, ILogger<BackupService> logger)
{
    public bool IsRunning => backup.IsRunning;

    /// <summary>A backup into the data folder's <c>backups/</c>; null when another backup is running.</summary>
    public Task<BackupResult?> CreateAsync(string actor, CancellationToken cancellationToken) =>
        CreateAsync(backup.DefaultPath(clock.GetUtcNow()), actor, cancellationToken);

    public async Task<BackupResult?> CreateAsync(string destination, string actor, CancellationToken cancellationToken)
    {
        var result = await backup.CreateAsync(destination, cancellationToken).ConfigureAwait(false);
        if (result is not null)
        {
            LogBackup(logger, result.Path, result.Bytes, result.Events, result.Duration.TotalMilliseconds, actor);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Path}: {Bytes} bytes, {Events} events, {Milliseconds:0} ms, by {Actor}")]
    private static partial void LogBackup(ILogger logger, string path, long bytes, long events, double milliseconds, string actor);
}
