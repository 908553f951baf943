using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Health;
using Dashboard.Runtime.Nats.Eventing;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.Health;

/// <summary>
/// Readiness of the NATS connection (eventing, NATS sources, scale-out): ready while the connection is open. In
/// Nats mode a lost server also means embedded fallback; readiness says so, so a load balancer or an operator sees it.
/// </summary>
public sealed class NatsBrokerReadiness(NatsConnectionManager manager) : IBrokerReadiness
{
    public string Name => "nats";

    public ValueTask<BrokerState> CheckAsync(CancellationToken cancellationToken)
    {
        var state = manager.Connection?.ConnectionState;
        if (state == NatsConnectionState.Open)
        {
            return ValueTask.FromResult(new BrokerState(true, "connected"));
        }

        var fallback = manager.Dispatch == DispatchMode.Fallback ? "; runs are dispatched in process (fallback)" : "";
        var description = state is null ? "not connected yet" : $"connection {state.Value.ToString().ToLowerInvariant()}";
        return ValueTask.FromResult(new BrokerState(false, description + fallback));
    }
}
