using System.Collections.Concurrent;

namespace Dashboard.Benchmarks.Load;

/// <summary>What one load run saw: answers by class and latencies (ms) of the 2xx and 429 answers.</summary>
public sealed class LoadResult
{
    private readonly ConcurrentBag<double[]> _okChunks = [];
    private readonly ConcurrentBag<double[]> _rejectedChunks = [];
    private long _ok;
    private long _tooMany;
    private long _otherStatus;
    private long _failed;

    public long Ok => Interlocked.Read(ref _ok);
    public long TooMany => Interlocked.Read(ref _tooMany);
    public long OtherStatus => Interlocked.Read(ref _otherStatus);
    public long Failed => Interlocked.Read(ref _failed);
    public long Errors => OtherStatus + Failed;
    public TimeSpan Elapsed { get; set; }
    public double OkPerSecond => Ok / Elapsed.TotalSeconds;
    public string? FirstError { get; private set; }

    /// <summary>A per-worker buffer, merged once at the end so recording takes no lock.</summary>
    public sealed class Recorder(LoadResult owner)
    {
        private readonly List<double> _ok = new(16_384);
        private readonly List<double> _rejected = [];

        public void Record(int status, double milliseconds)
        {
            if (status is >= 200 and < 300)
            {
                Interlocked.Increment(ref owner._ok);
                _ok.Add(milliseconds);
            }
            else if (status == 429)
            {
                Interlocked.Increment(ref owner._tooMany);
                _rejected.Add(milliseconds);
            }
            else
            {
                Interlocked.Increment(ref owner._otherStatus);
                owner.FirstError ??= $"HTTP {status}";
            }
        }

        public void Fail(Exception ex)
        {
            Interlocked.Increment(ref owner._failed);
            owner.FirstError ??= ex.GetType().Name + ": " + ex.Message;
        }

        public void Flush()
        {
            owner._okChunks.Add([.. _ok]);
            owner._rejectedChunks.Add([.. _rejected]);
        }
    }

    public double[] OkLatencies() => Sorted(_okChunks);
    public double[] RejectedLatencies() => Sorted(_rejectedChunks);

    private static double[] Sorted(IEnumerable<double[]> chunks)
    {
        var all = chunks.SelectMany(c => c).ToArray();
        Array.Sort(all);
        return all;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
