using System.Collections.Concurrent;
using Dashboard.Data.Events;

namespace Dashboard.Runtime.Workflows.Running;

/// <summary>
/// Newly stored sync events whose callers wait for their run. The dispatcher claims these events' runs before any other
/// due run, so a backlog of async runs does not delay a sync caller into its timeout. Only the order of claims changes:
/// an event left here (the cap reached, or a restart) is still claimed in creation order like any other run.
/// </summary>
public sealed class SyncRunQueue
{
    /// <summary>Most events held for priority; beyond it, sync runs wait in creation order.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentQueue<long> _events = new();

    /// <summary>Events waiting for a priority claim.</summary>
    public int Count => _events.Count;

    /// <summary>Notes the committed sync events that queued runs (runs stored claimed are already with a worker); true when there was one.</summary>
    public bool Collect(IReadOnlyList<CommittedWrite> committed)
    {
        var any = false;
        foreach (var write in committed)
        {
            var events = write.Request.Events;
            for (var i = 0; i < events.Count && i < write.Results.Count; i++)
            {
                if (events[i].Sync && events[i].Runs.Count > (write.Results[i].ClaimedRunIds?.Count ?? 0)
                    && write.Results[i] is { Duplicate: false, Seq: { } seq } && _events.Count < Capacity)
                {
                    _events.Enqueue(seq);
                    any = true;
                }
            }
        }

        return any;
    }

    /// <summary>Takes up to <paramref name="max"/> events, oldest first.</summary>
    public List<long> Take(int max)
    {
        var taken = new List<long>();
        while (taken.Count < max && _events.TryDequeue(out var seq))
        {
            taken.Add(seq);
        }

        return taken;
    }
}
