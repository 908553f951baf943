using Dashboard.Data.Events;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Health;
using Dashboard.Runtime.Nats.Health;
using Dashboard.Runtime.Nats.Lag;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Runtime.Nats.ScaleOut;
using Dashboard.Runtime.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Nats;

public static class NatsServiceCollectionExtensions
{
    /// <summary>
    /// True when the configuration asks for NATS: <c>Eventing:Mode</c> other than Embedded (Nats, or a value the module's
    /// validation refuses by name), a NATS URL or the local server (NATS event sources), or a scale-out role.
    /// </summary>
    public static bool IsRequested(IConfiguration configuration)
    {
        var mode = configuration[$"{EventingOptions.SectionName}:Mode"];
        var runtime = configuration.GetSection(RuntimeOptions.SectionName).Get<RuntimeOptions>() ?? new RuntimeOptions();
        return (!string.IsNullOrWhiteSpace(mode) && !string.Equals(mode, EventingOptions.EmbeddedMode, StringComparison.OrdinalIgnoreCase))
               || !string.IsNullOrWhiteSpace(configuration[$"{EventingOptions.SectionName}:Nats:Url"])
               || configuration.GetValue<bool>($"{EventingOptions.SectionName}:Nats:StartLocalServer")
               || runtime.IsScaleOut;
    }

    /// <summary>
    /// NATS eventing and, for a scale-out role, scale-out. Call before the runtime core, and only when
    /// <see cref="IsRequested"/>: the core's ports keep their embedded defaults for what this does not provide.
    /// </summary>
    public static IServiceCollection AddNatsEventing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventingOptions>().BindConfiguration(EventingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EventingOptions>, EventingOptionsValidator>();
        var eventing = configuration.GetSection(EventingOptions.SectionName).Get<EventingOptions>() ?? new EventingOptions();
        var runtime = configuration.GetSection(RuntimeOptions.SectionName).Get<RuntimeOptions>() ?? new RuntimeOptions();

        // Started in this order: the local server is up before the connection manager connects.
        if (eventing.Nats.StartLocalServer)
        {
            services.AddSingleton<LocalNatsServer>();
            services.AddHostedService(provider => provider.GetRequiredService<LocalNatsServer>());
        }

        services.AddSingleton<NatsConnectionManager>();
        services.AddHostedService(provider => provider.GetRequiredService<NatsConnectionManager>());
        services.AddSingleton<IBrokerReadiness, NatsBrokerReadiness>();
        if (!runtime.IsWorker)
        {
            // NATS event sources are read by the instance that owns the definitions (a worker's own store is empty).
            services.AddSingleton<NatsEventSources>();
            services.AddHostedService(provider => provider.GetRequiredService<NatsEventSources>());
        }

        services.AddSingleton<NatsLagReader>();
        services.AddSingleton<ISourceLagReader>(provider => provider.GetRequiredService<NatsLagReader>());
        services.AddSingleton<IConsumerLagReporter>(provider => provider.GetRequiredService<NatsLagReader>());
        services.AddSingleton<EventingStatusReader>();
        services.AddSingleton<IEventingView>(provider => provider.GetRequiredService<EventingStatusReader>());
        if (eventing.IsNatsMode)
        {
            services.AddSingleton<JetStreamPublisher>();
            services.AddSingleton<IRunWorkQueue>(provider => provider.GetRequiredService<JetStreamPublisher>());
            services.AddHostedService(provider => provider.GetRequiredService<JetStreamPublisher>());
            services.AddSingleton<JetStreamWorker>();
            services.AddHostedService(provider => provider.GetRequiredService<JetStreamWorker>());
            if (!runtime.IsWorker)
            {
                // A worker has no run store: only an instance that stores runs dead-letters them.
                services.AddSingleton<MaxDeliveriesWatcher>();
                services.AddHostedService(provider => provider.GetRequiredService<MaxDeliveriesWatcher>());
            }
        }

        if (runtime.IsWorker)
        {
            services.AddScaleOutWorker();
        }
        else if (runtime.IsScaleOutOwner)
        {
            services.AddScaleOutOwner();
        }

        return services;
    }
}
