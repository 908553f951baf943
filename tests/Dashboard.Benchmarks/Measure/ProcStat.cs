using System.Globalization;

namespace Dashboard.Benchmarks.Measure;

/// <summary>CPU time and memory of a process from /proc (Linux).</summary>
public static class ProcStat
{
    private const double TicksPerSecond = 100.0; // USER_HZ on Linux

    /// <summary>User + system CPU seconds of a process ("self" for this one); 0 when unreadable.</summary>
    public static double CpuSeconds(string pid = "self")
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "(comm) ", field 3 (state) is index 0; utime is field 14 → index 11, stime 15 → 12.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Resident set size in MB (VmRSS), or null when the process is gone.</summary>
    public static double? RssMegabytes(int pid) => StatusKilobytes(pid, "VmRSS:") is { } kb ? kb / 1024.0 : null;

    private static long? StatusKilobytes(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>The 1-minute load average.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}

/// <summary>CPU share of the generator and of the app over one measured interval, as % of the whole machine.</summary>
public sealed class CpuShare
{
    private readonly int? _appPid;
    private readonly double _self;
    private readonly double _app;
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    public CpuShare(int? appPid)
    {
        _appPid = appPid;
        _self = ProcStat.CpuSeconds();
        _app = appPid is { } pid ? ProcStat.CpuSeconds(pid.ToString(CultureInfo.InvariantCulture)) : 0;
    }

    public (double Generator, double? App) Stop()
    {
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds * Environment.ProcessorCount;
        var self = (ProcStat.CpuSeconds() - _self) / wall * 100;
        double? app = _appPid is { } pid ? (ProcStat.CpuSeconds(pid.ToString(CultureInfo.InvariantCulture)) - _app) / wall * 100 : null;
        return (self, app);
    }
}
