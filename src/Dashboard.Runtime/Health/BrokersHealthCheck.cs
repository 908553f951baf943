using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Runtime.Health;

/// <summary>Ready while every configured broker connection (each <see cref="IBrokerReadiness"/>) is connected.</summary>
public sealed class BrokersHealthCheck(IEnumerable<IBrokerReadiness> brokers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var down = new List<string>();
        foreach (var broker in brokers)
        {
            var state = await broker.CheckAsync(cancellationToken).ConfigureAwait(false);
            data[broker.Name] = state.Description;
            if (!state.Connected)
            {
                down.Add($"{broker.Name}: {state.Description}");
            }
        }

        if (data.Count == 0)
        {
            return HealthCheckResult.Healthy("No broker is configured.");
        }

        return down.Count == 0
            ? HealthCheckResult.Healthy("Every configured broker is connected.", data)
            : HealthCheckResult.Unhealthy($"Not connected: {string.Join("; ", down)}", data: data);
    }
}
