using Dashboard.Data.Entities;

namespace Dashboard.Runtime.Contracts;

/// <summary>
/// How far a broker consumer of an event source is behind: what the core asks a transport module for, to show beside
/// the definition. Each broker module (NATS JetStream, RabbitMQ) registers one reader for its source kind when it is
/// configured; with none registered for a kind, no lag is reported for it.
/// </summary>
public interface ISourceLagReader
{
    /// <summary>The kind of source this reader answers for.</summary>
    EventSourceKind SourceKind { get; }

    /// <summary>The consumer's lag for the definition's source, or null when there is no consumer to ask (or the broker is not reachable).</summary>
    Task<SourceLag?> ReadAsync(SourceLagRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Which source to ask about: the definition's key and its subject and stream (empty stream: a core subscription), or
/// its RabbitMQ queue.
/// </summary>
public sealed record SourceLagRequest(long DefinitionId, string Key, string? Subject, string? Stream, string? Queue = null);

/// <summary>
/// A consumer's position: messages not yet delivered, delivered but not acknowledged, redelivered, when it last read,
/// and (where the broker says) how many consumers read the queue.
/// </summary>
public sealed record SourceLag(string Consumer, long Pending, long AckPending, long Redelivered, DateTimeOffset? LastActive, int? Consumers = null);
