using Dashboard.Data;
using Dashboard.Data.Maintenance;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Backup;

/// <summary>
/// <c>--backup &lt;path&gt;</c>: writes an online backup of the configured database to the path and exits (0 on success),
/// without starting the web host. Safe while the app runs on the same data folder.
/// </summary>
public static class BackupCommand
{
    public const string Switch = "--backup";

    public static bool IsRequested(string[] args) => args.Contains(Switch, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var index = Array.IndexOf(args, Switch);
        if (index < 0 || index + 1 >= args.Length || args[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("usage: --backup <path-of-the-new-backup-file> [--Storage:DataPath=<data folder>]");
            return 2;
        }

        var destination = args[index + 1];
        var rest = args.Where((_, i) => i != index && i != index + 1).ToArray();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = rest, ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Services.AddDashboardData(builder.Configuration);
        builder.Services.AddSingleton<DatabaseBackup>();
        using var host = builder.Build();
        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (!File.Exists(storage.DatabasePath))
        {
            await Console.Error.WriteLineAsync($"No database at {storage.DatabasePath}.");
            return 1;
        }

        try
        {
            var result = await host.Services.GetRequiredService<DatabaseBackup>().CreateAsync(destination, cancellationToken);
            await Console.Out.WriteLineAsync($"Backup written: {result!.Path} ({result.Bytes} bytes, {result.Events} events, {result.Duration.TotalMilliseconds:0} ms); keys: {result.KeysPath ?? "none"}");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"Backup failed: {ex.Message}");
            return 1;
        }
    }
}
