using System.ComponentModel.DataAnnotations;

namespace Dashboard.Data.Events;

/// <summary>Section <c>Ingestion:Store</c>: the group-commit writer.</summary>
public sealed class EventStoreOptions
{
    public const string SectionName = "Ingestion:Store";

    /// <summary>
    /// Ingestion requests waiting for the writer; when full, ingestion answers 429. Kept small on purpose: the queue
    /// bounds the latency of accepted requests (about capacity ÷ commit rate), so overload turns into quick 429s, not
    /// slow 202s. Background writes (run progress, claims) queue separately with the same bound and wait for room.
    /// </summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1_000;

    /// <summary>The most ingestion requests committed in one transaction, and separately the most background requests.</summary>
    [Range(1, 100_000)]
    public int MaxRequestsPerCommit { get; set; } = 1_000;

    /// <summary>
    /// How long the oldest ingestion request may have waited for its commit before new ingestion requests are answered
    /// 429; 0 turns the check off. The queue's capacity bounds how many requests wait, this bounds how long: under
    /// overload accepted requests keep a short latency (about this wait plus one commit) and hand their connections back
    /// quickly, instead of filling the queue and holding clients for seconds. Requests already queued are still stored.
    /// </summary>
    [Range(0, 60_000)]
    public int MaxQueueWaitMilliseconds { get; set; } = 50;
}
