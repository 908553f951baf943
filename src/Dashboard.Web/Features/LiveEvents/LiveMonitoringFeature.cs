using Dashboard.Web.Features.Activity;
using Dashboard.Web.Features.Events;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>Live monitoring: the live pages' services, the external hub, event search and activity export.</summary>
public static class LiveMonitoringFeature
{
    /// <summary>Client messages to the hub are small filters; anything bigger is refused.</summary>
    public const long MaxHubMessageBytes = 4 * 1024;

    public static IServiceCollection AddLiveMonitoring(this IServiceCollection services)
    {
        services.AddTransient<IStartupFilter, HubAccessTokenQuery>();
        services.AddSingleton<LiveHubConnections>();
        services.AddSingleton<LiveHubRateLimit>();
        services.AddSignalR().AddHubOptions<LiveHub>(options =>
        {
            options.MaximumReceiveMessageSize = MaxHubMessageBytes;
            options.MaximumParallelInvocationsPerClient = 1;
            options.AddFilter<LiveHubRateLimit>();
        });
        services.AddSingleton<EventSearchQueries>();
        services.AddSingleton<EventDetailQueries>();
        services.AddSingleton<ActivityQueries>();
        services.AddSingleton<Home.OverviewQueries>();
        return services;
    }

    public static WebApplication MapLiveMonitoring(this WebApplication app)
    {
        app.MapHub<LiveHub>(LiveHub.Path).RequireAuthorization(Security.Policies.Viewer);
        app.MapEventSearchApi();
        app.MapActivityApi();
        return app;
    }
}
