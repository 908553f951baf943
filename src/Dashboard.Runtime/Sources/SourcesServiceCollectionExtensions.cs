using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Runtime.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>Event sources that the runtime drives itself: cron schedules (and NATS subjects in NATS mode).</summary>
    public static IServiceCollection AddEventSources(this IServiceCollection services)
    {
        services.AddSingleton<ActivityRecorder>();
        services.AddSingleton<CronScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<CronScheduler>());
        return services;
    }
}
