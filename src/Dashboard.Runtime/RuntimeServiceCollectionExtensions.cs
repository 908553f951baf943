using Dashboard.Data;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Definitions.Yaml;
using Dashboard.Runtime.Health;
using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.Sources;
using Dashboard.Runtime.Retention;
using Dashboard.Runtime.Streaming;
using Dashboard.Runtime.Telemetry;
using Dashboard.Runtime.Workflows;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// The runtime core: definitions, access control, ingestion, sources that need no broker, workflows and the live
    /// feed. Its ports (<c>Contracts/</c>) get embedded defaults here unless a transport module registered first
    /// provides them.
    /// </summary>
    public static IServiceCollection AddDashboardRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        // Tests replace the clock before this runs (e.g. to drive cron schedules).
        services.TryAddSingleton(TimeProvider.System);
        var dataPath = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()?.DataPath ?? "./data";
        services.AddDataProtection()
            .SetApplicationName("event-runtime-dashboard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(dataPath), "keys")));

        services.AddOptions<RuntimeOptions>().BindConfiguration(RuntimeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuntimeOptions>, RuntimeOptionsValidator>();
        services.AddSingleton<ActivityRecorder>();
        services.AddSingleton<DefinitionChangeNotifier>();
        services.AddSingleton<EventDefinitionService>();
        services.AddSingleton<EventDefinitionHistory>();
        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<DefinitionsYamlExporter>();
        services.AddSingleton<DefinitionsImporter>();
        services.AddSingleton<UserService>();
        services.AddSingleton<ApiTokenService>();
        services.AddDashboardIngestion();
        services.AddEventSources();
        services.AddDashboardWorkflows();
        services.AddLiveFeed();
        services.AddRuntimeHealth();
        services.AddRuntimeTelemetry();
        services.AddRetention(configuration);
        return services;
    }
}
