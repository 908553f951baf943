using System.Diagnostics;
using System.Reflection;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.SystemStatus;

public static class SystemStatusFeature
{
    public static IServiceCollection AddSystemStatus(this IServiceCollection services) => services.AddSingleton<SystemStatusReader>();
}

/// <summary>Reads the facts the System page shows: storage, SQLite settings as the database reports them, version and uptime.</summary>
public sealed class SystemStatusReader(IDbContextFactory<DashboardDbContext> dbFactory, IOptions<StorageOptions> storage, IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
{
    public sealed record Snapshot(
        string DataPath,
        string DatabasePath,
        long DatabaseBytes,
        long WalBytes,
        string JournalMode,
        string Synchronous,
        string Version,
        TimeSpan Uptime,
        string EventingMode,
        string Environment);

    public async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var options = storage.Value;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var journal = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync(cancellationToken);
        var synchronous = await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync(cancellationToken);
        var started = new DateTimeOffset(Process.GetCurrentProcess().StartTime.ToUniversalTime(), TimeSpan.Zero);
        return new Snapshot(
            Path.GetFullPath(options.DataPath),
            options.DatabasePath,
            FileSize(options.DatabasePath),
            FileSize(options.DatabasePath + "-wal"),
            journal,
            synchronous switch { 0 => "OFF (0)", 1 => "NORMAL (1)", 2 => "FULL (2)", 3 => "EXTRA (3)", _ => synchronous.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            typeof(SystemStatusReader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            clock.GetUtcNow() - started,
            configuration["Eventing:Mode"] is { Length: > 0 } mode ? mode : "Embedded",
            environment.EnvironmentName);
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
