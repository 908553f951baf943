namespace Dashboard.Runtime.Contracts;

/// <summary>
/// The work queue for "this stored event has runs": after each commit the core offers every new event that queued
/// runs. None is registered in embedded mode (the dispatcher claims from the store); the NATS module publishes them to
/// JetStream. Called on the store writer's thread: queue and return.
/// </summary>
public interface IRunWorkQueue
{
    /// <summary>Queues the work; false when it was not taken (its runs wait for the in-process fallback).</summary>
    bool TryEnqueue(RunWork work);
}

/// <summary>An event stored with queued runs: its store sequence, its definition and its CloudEvents identity.</summary>
public readonly record struct RunWork(long EventSeq, long DefinitionId, string Source, string Id);
