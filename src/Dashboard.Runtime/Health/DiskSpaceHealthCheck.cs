using Dashboard.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Health;

/// <summary>Ready while the file system holding the database has at least <see cref="HealthOptions.MinimumFreeDiskBytes"/> free.</summary>
public sealed class DiskSpaceHealthCheck(IOptions<StorageOptions> storage, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(storage.Value.DatabasePath)!;
        var free = DiskSpace.FreeBytes(folder);
        var minimum = options.Value.MinimumFreeDiskBytes;
        var data = new Dictionary<string, object> { ["freeBytes"] = free, ["minimumFreeBytes"] = minimum };
        return Task.FromResult(free >= minimum
            ? HealthCheckResult.Healthy($"{DiskSpace.Format(free)} free in the data folder.", data)
            : HealthCheckResult.Unhealthy($"Only {DiskSpace.Format(free)} free in the data folder; at least {DiskSpace.Format(minimum)} required.", data: data));
    }
}

/// <summary>Free space of the file system holding a folder (the mount it is on, e.g. a tmpfs).</summary>
public static class DiskSpace
{
    public static long FreeBytes(string folder) => new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;

    public static string Format(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}
