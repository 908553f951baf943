using System.Globalization;
using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;

namespace Dashboard.Web.Features.SystemStatus;

public sealed partial class SystemPage
{
    private SystemStatusReader.Snapshot? _snapshot;
    private string? _error;

    [Inject] public required SystemStatusReader Reader { get; init; }

    [Inject] public required IScaleOutView Workers { get; init; }

    [Inject] public required EventStoreWriter Writer { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _snapshot = await Reader.ReadAsync(CancellationToken.None);
            _error = null;
        }
        catch (SqliteException ex)
        {
            _error = $"The database could not be read: {ex.Message}";
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("N1", CultureInfo.InvariantCulture) + " MiB",
        >= 1024 => (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static string Uptime(TimeSpan uptime) =>
        uptime.TotalDays >= 1
            ? $"{(int)uptime.TotalDays} d {uptime.Hours} h {uptime.Minutes} min"
            : $"{uptime.Hours} h {uptime.Minutes} min {uptime.Seconds} s";
}
