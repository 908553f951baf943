namespace Dashboard.Data.Events;

/// <summary>Where the ingestion pipeline hands its writes: the local group-commit writer, or (worker instances) the owner's ingest stream.</summary>
public interface IEventWriteQueue
{
    /// <summary>Queues a request; false when the queue is full (answer 429). The caller awaits <see cref="WriteRequest.Completion"/>.</summary>
    bool TryEnqueue(WriteRequest request);

    /// <summary>True while <see cref="TryEnqueue"/> would refuse: ingestion answers 429 before it reads or checks the request.</summary>
    bool IsFull { get; }

    /// <summary>
    /// True while the oldest queued request has waited too long for the store: ingestion answers 429 so that accepted
    /// requests keep a short wait. Only requests not yet queued are refused; queued ones are still stored.
    /// </summary>
    bool IsBehind { get; }
}

/// <summary>The write could not be made durable right now (e.g. JetStream did not acknowledge); the client should retry.</summary>
public sealed class EventStoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
