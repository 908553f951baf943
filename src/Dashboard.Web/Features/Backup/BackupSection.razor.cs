using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Web.Features.Backup;

public sealed partial class BackupSection
{
    private bool _running;
    private string? _message;

    [Inject] public required BackupService Backups { get; init; }

    [CascadingParameter] public Task<AuthenticationState>? Authentication { get; set; }

    private async Task BackUpAsync()
    {
        _running = true;
        try
        {
            var user = Authentication is null ? null : (await Authentication).User.Identity?.Name;
            var result = await Backups.CreateAsync(user ?? "unknown", CancellationToken.None);
            _message = result is null
                ? "A backup is already running; try again when it has finished."
                : string.Create(CultureInfo.InvariantCulture, $"Backup written: {result.Path} ({result.Bytes} bytes, {result.Events} events, {result.Duration.TotalMilliseconds:0} ms).");
        }
        catch (Exception ex) when (ex is IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            _message = $"The backup failed: {Data.Events.StoreFailures.Describe(ex)}";
        }
        finally
        {
            _running = false;
        }
    }
}
