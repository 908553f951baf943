using System.Diagnostics;
using System.Globalization;

namespace Dashboard.Benchmarks.Measure;

/// <summary>
/// CPU seconds the app process used over one measured window (user + system from /proc/&lt;pid&gt;/stat) and the
/// window's wall time, so two windows of different length compare as CPU µs per second.
/// </summary>
public sealed class AppCpuWindow
{
    private readonly string _pid;
    private readonly double _cpuAtStart;
    private readonly long _started = Stopwatch.GetTimestamp();

    public AppCpuWindow(int pid)
    {
        _pid = pid.ToString(CultureInfo.InvariantCulture);
        _cpuAtStart = ProcStat.CpuSeconds(_pid);
    }

    public AppCpuSample Stop() =>
        new(ProcStat.CpuSeconds(_pid) - _cpuAtStart, Stopwatch.GetElapsedTime(_started).TotalSeconds);
}

/// <summary>CPU seconds used over <paramref name="WallSeconds"/> of wall time.</summary>
public sealed record AppCpuSample(double CpuSeconds, double WallSeconds)
{
    /// <summary>CPU µs per wall second (1,000,000 = one core busy the whole window).</summary>
    public double MicrosecondsPerSecond => WallSeconds <= 0 ? double.NaN : CpuSeconds / WallSeconds * 1e6;
}
