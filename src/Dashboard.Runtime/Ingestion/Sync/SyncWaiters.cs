using Dashboard.Runtime.Contracts;

namespace Dashboard.Runtime.Ingestion.Sync;

/// <summary>
/// Callers of sync events waiting for their run, by event sequence number. A waiter is completed when the run's end
/// commits (<see cref="ISyncRunListener"/>), never by polling; one read of the store right after registering catches a
/// run that finished before its caller began to wait. Several callers of one event (a retry) share the answer.
/// </summary>
public sealed class SyncWaiters(ISyncRunLookup lookup, TimeProvider clock) : ISyncRunListener
{
    private readonly Dictionary<long, Waiter> _waiters = [];
    private readonly Lock _lock = new();

    /// <summary>How many callers wait now (for the system page and tests).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiters.Values.Sum(w => w.Callers);
            }
        }
    }

    /// <summary>The run's answer, or null when it did not come within <paramref name="timeout"/>.</summary>
    public async Task<SyncRunFinished?> WaitAsync(long eventSeq, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waiter = Acquire(eventSeq);
        try
        {
            if (await lookup.FindAsync(eventSeq, cancellationToken).ConfigureAwait(false) is { Finished: { } done })
            {
                return done;
            }

            return await waiter.Done.Task.WaitAsync(timeout, clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            Release(eventSeq, waiter);
        }
    }

    public void OnSyncRunFinished(SyncRunFinished finished)
    {
        Waiter? waiter;
        lock (_lock)
        {
            _waiters.TryGetValue(finished.EventSeq, out waiter);
        }

        waiter?.Done.TrySetResult(finished);
    }

    private Waiter Acquire(long eventSeq)
    {
        lock (_lock)
        {
            if (!_waiters.TryGetValue(eventSeq, out var waiter))
            {
                waiter = new Waiter();
                _waiters[eventSeq] = waiter;
            }

            waiter.Callers++;
            return waiter;
        }
    }

    private void Release(long eventSeq, Waiter waiter)
    {
        lock (_lock)
        {
            if (--waiter.Callers == 0)
            {
                _waiters.Remove(eventSeq);
            }
        }
    }

    private sealed class Waiter
    {
        public TaskCompletionSource<SyncRunFinished> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Callers { get; set; }
    }
}
