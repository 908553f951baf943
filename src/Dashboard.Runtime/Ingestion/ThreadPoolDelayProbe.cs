using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// How long work waits for a thread-pool thread right now. A dedicated thread queues one small probe item at a time
/// (every few milliseconds) and records how long it waited; while a probe is still waiting, its age counts. When the CPU
/// rather than the store is the bottleneck, requests wait in that queue before any ingestion code runs, so this delay,
/// not the store's queue, tells ingestion to refuse early. A delay is robust where a count of waiting items is not:
/// workflow runs keep many short items queued while the pool is perfectly healthy.
/// </summary>
/// <remarks>
/// The probe pauses while nobody asks and the pool is healthy. Each probe wakes a pool thread, which then spins before
/// it sleeps again: probing every 5 ms kept an idle app at 8–9% of a core. After <see cref="IdleAfter"/> without a
/// question (ingestion asks once per request) and with the last probe served within half the shedding limit, the thread
/// waits for the next question. A congested pool keeps it probing even when no question comes: requests stuck in that
/// pool's queue cannot ask, and must find the delay known when they get a thread.
/// </remarks>
public sealed class ThreadPoolDelayProbe : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(5);
    private readonly TimeProvider _clock;
    private readonly long _healthyTicks;
    private readonly Thread? _thread;
    private readonly ManualResetEventSlim _asked = new(false);
    private long _queuedAt;
    private long _lastDelay;
    private long _lastAskedAt;
    private long _probesQueued;
    private int _idle;
    private volatile bool _stopped;

    public ThreadPoolDelayProbe(TimeProvider clock, IOptions<IngestionOptions> options)
        : this(clock, options, TimeSpan.FromSeconds(1))
    {
    }

    internal ThreadPoolDelayProbe(TimeProvider clock, IOptions<IngestionOptions> options, TimeSpan idleAfter)
    {
        _clock = clock;
        IdleAfter = idleAfter;
        _lastAskedAt = clock.GetTimestamp();
        _healthyTicks = TimeSpan.FromMilliseconds(options.Value.MaxThreadPoolDelayMilliseconds / 2.0).Ticks;
        if (options.Value.MaxThreadPoolDelayMilliseconds > 0)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "thread-pool delay probe" };
            _thread.Start();
        }
    }

    /// <summary>How long the probe keeps running after the last question.</summary>
    public TimeSpan IdleAfter { get; }

    /// <summary>Probes queued so far (for tests and diagnostics).</summary>
    public long ProbesQueued => Interlocked.Read(ref _probesQueued);

    /// <summary>True while the probe thread waits for a question.</summary>
    public bool Idle => Volatile.Read(ref _idle) == 1;

    /// <summary>The last probe's wait, or the age of the probe still waiting when that is longer.</summary>
    public TimeSpan CurrentDelay
    {
        get
        {
            Volatile.Write(ref _lastAskedAt, _clock.GetTimestamp());
            if (Volatile.Read(ref _idle) == 1)
            {
                _asked.Set();
            }

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
            if (Volatile.Read(ref _queuedAt) == 0 && Volatile.Read(ref _lastDelay) < _healthyTicks && Unasked())
            {
                SleepUntilAsked();
                continue;
            }

            if (Volatile.Read(ref _queuedAt) == 0)
            {
                Volatile.Write(ref _queuedAt, _clock.GetTimestamp());
                Interlocked.Increment(ref _probesQueued);
                ThreadPool.UnsafeQueueUserWorkItem(static probe => probe.Ran(), this, preferLocal: false);
            }

            Thread.Sleep(Interval);
        }
    }

    private bool Unasked() => _clock.GetElapsedTime(Volatile.Read(ref _lastAskedAt)) > IdleAfter;

    private void SleepUntilAsked()
    {
        _asked.Reset();
        Interlocked.Exchange(ref _idle, 1);

        // Checked again after the flag is up: a question that came in between saw no flag and set no signal. The wait
        // is bounded all the same, so a question missed despite this costs at most one IdleAfter of probing.
        while (!_stopped && Unasked())
        {
            _asked.Wait(IdleAfter);
        }

        Interlocked.Exchange(ref _idle, 0);
    }

    private void Ran()
    {
        Volatile.Write(ref _lastDelay, _clock.GetElapsedTime(Volatile.Read(ref _queuedAt)).Ticks);
        Volatile.Write(ref _queuedAt, 0);
    }

    public void Dispose()
    {
        _stopped = true;
        _asked.Set();
    }
}
