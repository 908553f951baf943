namespace Dashboard.Runtime.Streaming;

/// <summary>Counts per second over the last minute: a current rate and a 60-point series for a sparkline. Not thread-safe.</summary>
public sealed class RateMeter
{
    public const int Seconds = 60;
    private const int RateWindow = 5;
    private readonly long[] _counts = new long[Seconds];
    private readonly long[] _second = new long[Seconds];

    public void Record(DateTimeOffset at, long count)
    {
        var second = at.ToUnixTimeSeconds();
        var slot = (int)(second % Seconds);
        if (_second[slot] != second)
        {
            _second[slot] = second;
            _counts[slot] = 0;
        }

        _counts[slot] += count;
    }

    /// <summary>Events per second, averaged over the last five complete seconds.</summary>
    public double Rate(DateTimeOffset now)
    {
        var current = now.ToUnixTimeSeconds();
        long sum = 0;
        for (var s = current - RateWindow; s < current; s++)
        {
            sum += CountAt(s);
        }

        return sum / (double)RateWindow;
    }

    /// <summary>Per-second counts for the last minute, oldest first, ending with the current (partial) second.</summary>
    public long[] Series(DateTimeOffset now)
    {
        var current = now.ToUnixTimeSeconds();
        var series = new long[Seconds];
        for (var i = 0; i < Seconds; i++)
        {
            series[i] = CountAt(current - Seconds + 1 + i);
        }

        return series;
    }

    private long CountAt(long second)
    {
        var slot = (int)(((second % Seconds) + Seconds) % Seconds);
        return _second[slot] == second ? _counts[slot] : 0;
    }
}
