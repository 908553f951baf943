using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;

namespace Dashboard.Runtime.Workflows.Running;

/// <summary>
/// After each commit, offers every newly stored event that queued runs to the registered <see cref="IRunWorkQueue"/>s
/// (none in embedded mode). Runs on the writer's thread; a queue only queues.
/// </summary>
public sealed class RunWorkAnnouncer(IEnumerable<IRunWorkQueue> queues) : ICommittedWritesListener
{
    private readonly IRunWorkQueue[] _queues = [.. queues];

    public void OnCommitted(IReadOnlyList<CommittedWrite> committed)
    {
        if (_queues.Length == 0)
        {
            return;
        }

        foreach (var write in committed)
        {
            var events = write.Request.Events;
            for (var i = 0; i < events.Count && i < write.Results.Count; i++)
            {
                var stored = write.Results[i];
                if (stored.Duplicate || stored.Seq is not { } seq || events[i].Runs.Count == 0 || events[i].DefinitionId is not { } definitionId)
                {
                    continue;
                }

                foreach (var queue in _queues)
                {
                    queue.TryEnqueue(new RunWork(seq, definitionId, events[i].Source, events[i].Id));
                }
            }
        }
    }
}
