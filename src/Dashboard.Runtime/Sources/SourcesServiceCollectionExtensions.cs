using Dashboard.Runtime.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Runtime.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>Event sources that the runtime drives itself: cron schedules .</summary>
    public static IServiceCollection AddEventSources(this IServiceCollection services)
    {
        services.AddSingleton<CronScheduler>();
        services.AddHostedService(provider => provider.GetRequiredService<CronScheduler>());
        return services;
    }
}
