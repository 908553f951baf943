using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Eventing;

public static class EventingServiceCollectionExtensions
{
    /// <summary>
    /// Eventing modes: the optional local nats-server, the NATS connection, JetStream dispatch (publisher, workers,
    /// max-deliveries advisories) and NATS event sources. In Embedded mode without a NATS URL they all stay idle.
    /// </summary>
    public static IServiceCollection AddEventing(this IServiceCollection services)
    {
        services.AddOptions<EventingOptions>().BindConfiguration(EventingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventingOptions>, EventingOptionsValidator>();

        // Started in this order: the local server is up before the connection manager connects.
        services.AddSingleton<LocalNatsServer>();
        services.AddHostedService(provider => provider.GetRequiredService<LocalNatsServer>());
        services.AddSingleton<NatsConnectionManager>();
        services.AddHostedService(provider => provider.GetRequiredService<NatsConnectionManager>());
        services.AddSingleton<JetStreamPublisher>();
        services.AddHostedService(provider => provider.GetRequiredService<JetStreamPublisher>());
        services.AddSingleton<JetStreamWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<JetStreamWorker>());
        services.AddSingleton<MaxDeliveriesWatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<MaxDeliveriesWatcher>());
        services.AddSingleton<NatsEventSources>();
        services.AddHostedService(provider => provider.GetRequiredService<NatsEventSources>());
        services.AddSingleton<EventingStatusReader>();
        return services;
    }
}
