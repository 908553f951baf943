using System.Runtime.InteropServices;

namespace Dashboard.Benchmarks.Measure;

/// <summary>What the numbers were measured on.</summary>
public static class Machine
{
    public static IReadOnlyList<(string Key, string Value)> Describe(double? fsyncPerSecond) =>
    [
        ("CPU", CpuModel()),
        ("nproc", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("memory", MemTotal()),
        ("disk fsync rate (4 KiB write + fsync, temp folder)", fsyncPerSecond is { } f ? $"{f:N0}/s" : "not measured"),
        ("OS", RuntimeInformation.OSDescription),
        (".NET (generator)", RuntimeInformation.FrameworkDescription),
        ("date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";

    private static string MemTotal()
    {
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null ? "unknown" : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024.0:N1} GiB";
    }
}
