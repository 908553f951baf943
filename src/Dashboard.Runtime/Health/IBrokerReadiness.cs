namespace Dashboard.Runtime.Health;

/// <summary>
/// Port for a broker module (NATS eventing and scale-out, RabbitMQ): one registration per configured connection.
/// Readiness asks each and is unhealthy while any configured connection is down. A module registers its
/// implementation only when its configuration asks for the broker; with none registered readiness ignores brokers.
/// </summary>
public interface IBrokerReadiness
{
    /// <summary>Short, stable name shown in the health JSON, e.g. <c>nats-eventing</c>.</summary>
    string Name { get; }

    /// <summary>The connection's state now; must answer quickly (no network round trip is required).</summary>
    ValueTask<BrokerState> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>Whether a broker connection is usable, and if not, why (never a secret: no URLs with credentials).</summary>
public sealed record BrokerState(bool Connected, string Description);
