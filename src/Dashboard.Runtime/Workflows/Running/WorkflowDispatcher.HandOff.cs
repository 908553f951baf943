using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Runtime.Workflows.Running;

public sealed partial class WorkflowDispatcher
{
    /// <summary>
    /// 1 once runs may be claimed in their event's commit: after the restart recovery (which re-queues every Running run),
    /// and only in embedded mode (no <see cref="IRunWorkQueue"/>: no transport takes fresh runs, and there is no
    /// scale-out, which needs NATS mode).
    /// </summary>
    private int _handOff;

    private bool HandOffEnabled => Volatile.Read(ref _handOff) == 1;

    private void EnableHandOff()
    {
        using var scope = scopes.CreateScope();
        if (!scope.ServiceProvider.GetServices<IRunWorkQueue>().Any())
        {
            Volatile.Write(ref _handOff, 1);
        }
    }

    int IRunHandOff.TryReserve(int runs)
    {
        if (!HandOffEnabled || IsHoldingFreshRuns)
        {
            return 0;
        }

        var reserved = 0;
        while (reserved < runs && _slots.Wait(0))
        {
            reserved++;
        }

        return reserved;
    }

    void IRunHandOff.Release(int count) => ReleaseSlots(count);

    private void ReleaseSlots(int count)
    {
        if (count > 0)
        {
            _slots.Release(count);
            Signal();
        }
    }

    void ICommittedWritesListener.OnCommitted(IReadOnlyList<CommittedWrite> committed)
    {
        var queued = HandOff(committed);
        if (syncRuns.Collect(committed))
        {
            Wake();
            return;
        }

        if (queued && !IsHoldingFreshRuns)
        {
            Wake();
        }
    }

    /// <summary>
    /// Gives the runs stored claimed to their reserved workers (a duplicate gives its reservations back); returns whether
    /// the commit also queued runs that the loop has to claim.
    /// </summary>
    private bool HandOff(IReadOnlyList<CommittedWrite> committed)
    {
        var queued = false;
        foreach (var write in committed)
        {
            var events = write.Request.Events;
            for (var i = 0; i < events.Count && i < write.Results.Count; i++)
            {
                var e = events[i];
                var stored = write.Results[i];
                var claimed = stored.ClaimedRunIds ?? [];
                queued |= !stored.Duplicate && e.Runs.Count > claimed.Count;
                ReleaseSlots(e.ClaimedRuns - claimed.Count);
                for (var r = 0; r < claimed.Count; r++)
                {
                    Start(new StoredRun(claimed[r], e, stored.Seq!.Value, e.Runs[r]));
                }
            }
        }

        return queued;
    }

    /// <summary>Registers the run's cancellation, then hands it to a worker; its slot is already reserved, so there is room.</summary>
    private void Start(StoredRun run)
    {
        var cancel = cancellations.Register(run.RunId);
        if (!_work.Writer.TryWrite(new ClaimedRun(run.RunId, null, cancel) { Stored = run }))
        {
            // Shutting down: the run stays Running and the next start's recovery resumes it.
            cancel.Dispose();
            ReleaseSlots(1);
        }
    }
}
