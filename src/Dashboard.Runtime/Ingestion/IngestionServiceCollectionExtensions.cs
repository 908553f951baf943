using Dashboard.Data.Events;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddSingleton<IEventWriteQueue>(provider => provider.GetRequiredService<EventStoreWriter>());
        services.AddSingleton<StoreCatalogSource>();
        services.AddSingleton<ICatalogSource>(provider => provider.GetRequiredService<StoreCatalogSource>());
        services.AddSingleton<DefinitionCatalog>();
        services.AddSingleton<TokenCache>();
        services.AddSingleton<HmacVerifier>();
        services.AddSingleton<WebhookIdStore>();
        services.AddSingleton<IngestionAuthorizer>();
        services.AddSingleton<IngestionPipeline>();
        return services;
    }
}
