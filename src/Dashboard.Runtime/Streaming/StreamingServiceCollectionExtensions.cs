using Dashboard.Data.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Runtime.Streaming;

public static class StreamingServiceCollectionExtensions
{
    /// <summary>The live feed (fed by the event store's commits and by <see cref="ILiveFeed.Publish"/>) and the ingest latency histogram.</summary>
    public static IServiceCollection AddLiveFeed(this IServiceCollection services)
    {
        services.AddOptions<LiveFeedOptions>().BindConfiguration(LiveFeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<ILiveFeed>(provider => provider.GetRequiredService<LiveFeed>());
        services.AddSingleton<ICommittedWritesListener>(provider => provider.GetRequiredService<LiveFeed>());
        services.AddSingleton<CommitNotifications>();
        services.AddSingleton<ICommittedWritesListener>(provider => provider.GetRequiredService<CommitNotifications>());
        services.AddSingleton<IngestLatency>();
        return services;
    }
}
