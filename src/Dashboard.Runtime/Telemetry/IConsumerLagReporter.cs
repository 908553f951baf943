namespace Dashboard.Runtime.Telemetry;

/// <summary>
/// Port for a broker module (NATS JetStream consumers, RabbitMQ queues): reports how far each of its consumers is
/// behind, read when metrics are collected. Register one per module; none registered means no lag series.
/// </summary>
public interface IConsumerLagReporter
{
    /// <summary>The lag of every consumer now; must answer from memory (called on the metrics collection thread).</summary>
    IEnumerable<ConsumerLag> Report();
}

/// <summary>Messages not yet delivered (<paramref name="Pending"/>) and delivered but unacknowledged (<paramref name="AckPending"/>).</summary>
public sealed record ConsumerLag(string Broker, string Consumer, long Pending, long AckPending);
