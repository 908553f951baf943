using Dashboard.Data;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Definitions.Yaml;
using Dashboard.Runtime.Eventing;
using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.ScaleOut;
using Dashboard.Runtime.Sources;
using Dashboard.Runtime.Workflows;
using Dashboard.Runtime.Streaming;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Runtime;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>The embedded runtime: definitions, access control and (as they land) ingestion and workflows.</summary>
    public static IServiceCollection AddDashboardRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        // Tests replace the clock before this runs (e.g. to drive cron schedules).
        services.TryAddSingleton(TimeProvider.System);
        var dataPath = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()?.DataPath ?? "./data";
        services.AddDataProtection()
            .SetApplicationName("event-runtime-dashboard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataPath), "keys")));

        services.AddSingleton<DefinitionChangeNotifier>();
        services.AddSingleton<EventDefinitionService>();
        services.AddSingleton<EventDefinitionHistory>();
        // A transport module that can report consumer lag registers its reader first; without one, nothing to report.
        services.TryAddSingleton<Contracts.ISourceLagReader, Contracts.NoSourceLagReader>();
        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<DefinitionsYamlExporter>();
        services.AddSingleton<DefinitionsImporter>();
        services.AddSingleton<UserService>();
        services.AddSingleton<ApiTokenService>();
        services.AddDashboardIngestion();
        services.AddEventSources();
        services.AddDashboardWorkflows();
        services.AddLiveFeed();
        services.AddEventing();
        services.AddScaleOut();
        return services;
    }
}
