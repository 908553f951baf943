namespace Dashboard.Data.Events;

/// <summary>
/// After-commit work: the writer calls every registered listener on its own thread after each commit, with what it
/// committed. A listener queues and returns; it never blocks the writer. The runtime core implements it (live feed,
/// dispatcher wake-up, the "event has runs" work queue).
/// </summary>
public interface ICommittedWritesListener
{
    void OnCommitted(IReadOnlyList<CommittedWrite> committed);
}
