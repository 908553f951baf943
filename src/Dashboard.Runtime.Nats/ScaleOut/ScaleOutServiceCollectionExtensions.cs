using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Runtime.Nats.ScaleOut;

internal static class ScaleOutServiceCollectionExtensions
{
    /// <summary>
    /// A worker (Runtime:Role=Worker): ingestion reads the owner's catalog and forwards writes to the owner's ingest
    /// stream; runs are claimed, loaded and written through the owner; sync answers come from the owner; heartbeats tell
    /// the owner it is alive.
    /// </summary>
    public static IServiceCollection AddScaleOutWorker(this IServiceCollection services)
    {
        services.AddSingleton<IngestForwarder>();
        services.AddSingleton<IEventWriteQueue>(provider => provider.GetRequiredService<IngestForwarder>());
        services.AddSingleton<OwnerCatalogClient>();
        services.AddSingleton<ICatalogSource>(provider => provider.GetRequiredService<OwnerCatalogClient>());
        services.AddSingleton<RemoteRunStorage>();
        services.AddSingleton<IRunStorage>(provider => provider.GetRequiredService<RemoteRunStorage>());
        services.AddSingleton<ISyncAnswerRelay, RemoteSyncAnswers>();
        services.AddHostedService<WorkerHeartbeat>();
        services.AddHostedService<WorkerCatalogSync>();
        return services;
    }

    /// <summary>
    /// An owner serving workers (Runtime:ScaleOut=true): the catalog server, the ingest consumer, the run server,
    /// the registry of workers heard by heartbeat, and the sync answers passed on to workers.
    /// </summary>
    public static IServiceCollection AddScaleOutOwner(this IServiceCollection services)
    {
        services.AddSingleton<ReplyCache>();
        services.AddHostedService<RunServer>();
        services.AddSingleton<LostWorkerRuns>();
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<IScaleOutView>(provider => provider.GetRequiredService<WorkerRegistry>());
        services.AddHostedService(provider => provider.GetRequiredService<WorkerRegistry>());
        services.AddSingleton<OwnerIngestConsumer>();
        services.AddHostedService(provider => provider.GetRequiredService<OwnerIngestConsumer>());
        services.AddHostedService<CatalogServer>();
        // The run writer tells the outbox, which depends on nothing: the server's NATS connection depends on the
        // dispatcher, which depends on the run writer.
        services.AddSingleton<SyncAnswerOutbox>();
        services.AddSingleton<ISyncRunListener>(provider => provider.GetRequiredService<SyncAnswerOutbox>());
        services.AddHostedService<SyncAnswerServer>();
        return services;
    }
}
