using Dashboard.Data.Events;
using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.ScaleOut;

public static class ScaleOutServiceCollectionExtensions
{
    /// <summary>
    /// Roles (Runtime:Role): on a worker, ingestion reads the owner's catalog and forwards writes to the owner's ingest
    /// stream, and runs are claimed, loaded and written through the owner; on an owner with Runtime:ScaleOut, the catalog
    /// server, the ingest consumer and the run server. Otherwise all stay idle.
    /// </summary>
    public static IServiceCollection AddScaleOut(this IServiceCollection services)
    {
        services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuntimeOptions>, RuntimeOptionsValidator>();
        services.AddSingleton<IngestForwarder>();
        services.AddSingleton<OwnerCatalogClient>();
        services.Replace(ServiceDescriptor.Singleton<ICatalogSource>(provider => IsWorker(provider)
            ? provider.GetRequiredService<OwnerCatalogClient>()
            : provider.GetRequiredService<StoreCatalogSource>()));
        services.Replace(ServiceDescriptor.Singleton<IEventWriteQueue>(provider => IsWorker(provider)
            ? provider.GetRequiredService<IngestForwarder>()
            : provider.GetRequiredService<EventStoreWriter>()));
        services.AddSingleton<RemoteRunStorage>();
        services.Replace(ServiceDescriptor.Singleton<IRunStorage>(provider => IsWorker(provider)
            ? provider.GetRequiredService<RemoteRunStorage>()
            : provider.GetRequiredService<LocalRunStorage>()));
        services.AddSingleton<ReplyCache>();
        services.AddHostedService<RunServer>();
        services.AddSingleton<LostWorkerRuns>();
        services.AddSingleton<WorkerRegistry>();
        services.AddHostedService(provider => provider.GetRequiredService<WorkerRegistry>());
        services.AddHostedService<WorkerHeartbeat>();
        services.AddSingleton<OwnerIngestConsumer>();
        services.AddHostedService(provider => provider.GetRequiredService<OwnerIngestConsumer>());
        services.AddHostedService<CatalogServer>();
        services.AddHostedService<WorkerCatalogSync>();
        return services;
    }

    private static bool IsWorker(IServiceProvider provider) => provider.GetRequiredService<IOptions<RuntimeOptions>>().Value.IsWorker;
}
