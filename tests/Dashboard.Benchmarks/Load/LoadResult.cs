using System.Collections.Concurrent;

namespace Dashboard.Benchmarks.Load;

/// <summary>What one load run saw: answers by class and latencies (ms) of the 2xx and 429 answers.</summary>
public sealed class LoadResult
{
    private readonly ConcurrentBag<double[]> _okChunks = [];
    private readonly ConcurrentBag<double[]> _rejectedChunks = [];
    private readonly ConcurrentBag<double[]> _okStartChunks = [];
    private readonly ConcurrentBag<double[]> _rejectedStartChunks = [];
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
        private readonly List<double> _okStart = new(16_384);
        private readonly List<double> _rejectedStart = [];

        /// <summary>
        /// An answer, <paramref name="milliseconds"/> after the request was due; <paramref name="startMilliseconds"/> is how
        /// long after it was due the generator began sending it (its own scheduling delay), when known.
        /// </summary>
        public void Record(int status, double milliseconds, double startMilliseconds = double.NaN)
        {
            if (status is >= 200 and < 300)
            {
                Interlocked.Increment(ref owner._ok);
                _ok.Add(milliseconds);
                AddKnown(_okStart, startMilliseconds);
            }
            else if (status == 429)
            {
                Interlocked.Increment(ref owner._tooMany);
                _rejected.Add(milliseconds);
                AddKnown(_rejectedStart, startMilliseconds);
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
            owner._okStartChunks.Add([.. _okStart]);
            owner._rejectedStartChunks.Add([.. _rejectedStart]);
        }

        private static void AddKnown(List<double> into, double value)
        {
            if (!double.IsNaN(value))
            {
                into.Add(value);
            }
        }
    }

    public double[] OkLatencies() => Sorted(_okChunks);
    public double[] RejectedLatencies() => Sorted(_rejectedChunks);

    /// <summary>Due time to the generator starting the send, for the 2xx answers (open loop only).</summary>
    public double[] OkStartDelays() => Sorted(_okStartChunks);

    /// <summary>Due time to the generator starting the send, for the 429 answers (open loop only).</summary>
    public double[] RejectedStartDelays() => Sorted(_rejectedStartChunks);

    private static double[] Sorted(IEnumerable<double[]> chunks)
    {
        var all = chunks.SelectMany(c => c).ToArray();
        Array.Sort(all);
        return all;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
