namespace Dashboard.Runtime.Streaming;

/// <summary>
/// A fixed-bucket histogram of ingest latency (request read → answered). Recording is one binary search and one
/// interlocked increment; readers take snapshots and subtract two of them for a recent window.
/// </summary>
public sealed class IngestLatency
{
    /// <summary>Bucket upper bounds in milliseconds; the last bucket is everything above.</summary>
    public static IReadOnlyList<double> Bounds { get; } =
    [
        0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 2000, 5000, 10000,
    ];

    private readonly long[] _counts = new long[Bounds.Count + 1];

    public void Record(TimeSpan elapsed)
    {
        Telemetry.RuntimeMetrics.IngestAnswered(elapsed);
        var ms = elapsed.TotalMilliseconds;
        var lo = 0;
        var hi = Bounds.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (ms <= Bounds[mid])
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        Interlocked.Increment(ref _counts[lo]);
    }

    public LatencySnapshot Snapshot()
    {
        var copy = new long[_counts.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _counts[i]);
        }

        return new LatencySnapshot(copy);
    }
}

/// <summary>Bucket counts at one moment.</summary>
public sealed class LatencySnapshot(long[] counts)
{
    public IReadOnlyList<long> Counts => counts;

    public long Total => counts.Sum();

    /// <summary>The counts recorded after <paramref name="earlier"/>.</summary>
    public LatencySnapshot Since(LatencySnapshot? earlier)
    {
        if (earlier is null)
        {
            return this;
        }

        var diff = new long[counts.Length];
        for (var i = 0; i < diff.Length; i++)
        {
            diff[i] = counts[i] - earlier.Counts[i];
        }

        return new LatencySnapshot(diff);
    }

    /// <summary>The upper bound (ms) of the bucket holding quantile <paramref name="q"/>; null when empty. Above the last bound: the last bound.</summary>
    public double? Percentile(double q)
    {
        var total = Total;
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(q * total));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return IngestLatency.Bounds[Math.Min(i, IngestLatency.Bounds.Count - 1)];
            }
        }

        return IngestLatency.Bounds[^1];
    }
}
