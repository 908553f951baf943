using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Runtime.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// The runtime's observed gauges. Its counters, histograms and spans are static (<see cref="RuntimeMetrics"/>,
    /// <see cref="RuntimeTracing"/>, and the store's <c>StoreMetrics</c>); the host decides what listens to them.
    /// </summary>
    public static IServiceCollection AddRuntimeTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddHostedService<RuntimeGauges>();
        return services;
    }

    /// <summary>Meter names the runtime records to, for an exporter's <c>AddMeter</c>.</summary>
    public static IReadOnlyList<string> MeterNames { get; } = [RuntimeMetrics.MeterName, Data.Telemetry.StoreMetrics.MeterName];
}
