using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// How long work waits for a thread-pool thread right now. A dedicated thread queues one small probe item at a time
/// (every few milliseconds) and records how long it waited; while a probe is still waiting, its age counts. When the CPU
/// rather than the store is the bottleneck, requests wait in that queue before any ingestion code runs, so this delay,
/// not the store's queue, tells ingestion to refuse early. A delay is robust where a count of waiting items is not:
/// workflow runs keep many short items queued while the pool is perfectly healthy.
/// </summary>
public sealed class ThreadPoolDelayProbe : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);
    private readonly TimeProvider _clock;
    private readonly Thread? _thread;
    private long _queuedAt;
    private long _lastDelay;
    private volatile bool _stopped;

    public ThreadPoolDelayProbe(TimeProvider clock, IOptions<IngestionOptions> options)
    {
        _clock = clock;
        if (options.Value.MaxThreadPoolDelayMilliseconds > 0)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "thread-pool delay probe" };
            _thread.Start();
        }
    }

    /// <summary>The last probe's wait, or the age of the probe still waiting when that is longer.</summary>
    public TimeSpan CurrentDelay
    {
        get
        {
            var queuedAt = Volatile.Read(ref _queuedAt);
            var waiting = queuedAt == 0 ? TimeSpan.Zero : _clock.GetElapsedTime(queuedAt);
            var last = TimeSpan.FromTicks(Volatile.Read(ref _lastDelay));
            return waiting > last ? waiting : last;
        }
    }

    private void Run()
    {
        while (!_stopped)
        {
            if (Volatile.Read(ref _queuedAt) == 0)
            {
                Volatile.Write(ref _queuedAt, _clock.GetTimestamp());
                ThreadPool.UnsafeQueueUserWorkItem(static probe => probe.Ran(), this, preferLocal: false);
            }

            Thread.Sleep(Interval);
        }
    }

    private void Ran()
    {
        Volatile.Write(ref _lastDelay, _clock.GetElapsedTime(Volatile.Read(ref _queuedAt)).Ticks);
        Volatile.Write(ref _queuedAt, 0);
    }

    public void Dispose() => _stopped = true;
}
