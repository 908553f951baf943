using Dashboard.Runtime.Health;

namespace Dashboard.Runtime.RabbitMq;

/// <summary>
/// Readiness of the RabbitMQ sources' connection: ready while connected, or while no RabbitMQ source is defined (no
/// connection is wanted). A blocked connection stays ready: the broker blocks publishing, and the sources only
/// consume, so deliveries go on; the description says so. Connecting and lost are not ready.
/// </summary>
public sealed class RabbitMqBrokerReadiness(RabbitMqEventSources sources) : IBrokerReadiness
{
    public string Name => "rabbitmq";

    public ValueTask<BrokerState> CheckAsync(CancellationToken cancellationToken)
    {
        var status = sources.Status;
        var ready = status.State is RabbitMqConnectionState.Idle or RabbitMqConnectionState.Connected or RabbitMqConnectionState.Blocked;
        return ValueTask.FromResult(new BrokerState(ready, status.Description));
    }
}
