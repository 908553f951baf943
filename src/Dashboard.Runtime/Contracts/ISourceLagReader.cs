namespace Dashboard.Runtime.Contracts;

/// <summary>
/// How far a broker consumer of an event source is behind: what the core asks a transport module for, to show beside
/// the definition. The core registers <see cref="NoSourceLagReader"/>; a transport module (NATS JetStream) registers
/// its own reader when it is configured.
/// </summary>
public interface ISourceLagReader
{
    /// <summary>The consumer's lag for the definition's source, or null when there is no consumer to ask (or no transport).</summary>
    Task<SourceLag?> ReadAsync(SourceLagRequest request, CancellationToken cancellationToken);
}

/// <summary>Which source to ask about: the definition's key and its subject and stream (empty stream: a core subscription).</summary>
public sealed record SourceLagRequest(long DefinitionId, string Key, string? Subject, string? Stream);

/// <summary>A consumer's position: messages not yet delivered, delivered but not acknowledged, redelivered, and when it last read.</summary>
public sealed record SourceLag(string Consumer, long Pending, long AckPending, long Redelivered, DateTimeOffset? LastActive);

/// <summary>The embedded default: no broker, so no consumer and no lag.</summary>
public sealed class NoSourceLagReader : ISourceLagReader
{
    public Task<SourceLag?> ReadAsync(SourceLagRequest request, CancellationToken cancellationToken) => Task.FromResult<SourceLag?>(null);
}
