using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Workflows.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Runtime.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>The ingestion pipeline and the group-commit event store it writes through.</summary>
    public static IServiceCollection AddDashboardIngestion(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EventStoreOptions>().BindConfiguration(EventStoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EventStoreWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<EventStoreWriter>());
        // A transport module registered before the core may provide these (a worker forwards to the owner and reads its catalog).
        services.TryAddSingleton<IEventWriteQueue>(provider => provider.GetRequiredService<EventStoreWriter>());
        services.AddSingleton<StoreCatalogSource>();
        services.TryAddSingleton<ICatalogSource>(provider => provider.GetRequiredService<StoreCatalogSource>());
        services.AddSingleton<DefinitionCatalog>();
        services.AddSingleton<TokenCache>();
        services.AddSingleton<HmacVerifier>();
        services.AddSingleton<WebhookIdStore>();
        services.AddSingleton<IngestionAuthorizer>();
        services.AddSingleton<ThreadPoolDelayProbe>();
        services.AddSingleton<IngestionPipeline>();
        // Sync events: callers wait for their run's answer; a worker's module may read answers from the owner instead.
        services.TryAddSingleton<ISyncRunLookup, Sync.StoreSyncRunLookup>();
        services.AddSingleton<Sync.SyncWaiters>();
        services.AddSingleton<Sync.SyncAnswerLedger>();
        services.AddSingleton<ISyncRunListener>(provider => provider.GetRequiredService<Sync.SyncWaiters>());
        services.AddScoped<IEventPublisher, PipelineEventPublisher>();
        return services;
    }
}
