using Dashboard.Data.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The SQLite store: options, connection factory, migrations and the EF Core context factory.</summary>
    public static IServiceCollection AddDashboardData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<Events.EventQueries>();
        services.AddPooledDbContextFactory<DashboardDbContext>((provider, options) =>
        {
            var factory = provider.GetRequiredService<SqliteConnectionFactory>();
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            options.UseSqlite(factory.ConnectionString)
                .AddInterceptors(new SqlitePragmaInterceptor(storage.BusyTimeoutMilliseconds));
        });
        return services;
    }
}
