using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Runtime.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>Tag of the checks behind <c>/healthz/ready</c>.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The readiness checks: store writer, free disk, migrations, configured brokers.</summary>
    public static IServiceCollection AddRuntimeHealth(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHealthChecks()
            .AddCheck<StoreWriterHealthCheck>("store-writer", tags: [ReadyTag])
            .AddCheck<DiskSpaceHealthCheck>("disk-space", tags: [ReadyTag])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [ReadyTag])
            .AddCheck<BrokersHealthCheck>("brokers", tags: [ReadyTag]);
        return services;
    }
}
