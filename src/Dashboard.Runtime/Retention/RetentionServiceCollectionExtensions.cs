using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Runtime.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>The retention options and candidate reader always (the System page shows them); the pruner only when a limit is set.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetentionCandidates>();
        services.AddSingleton<RetentionStatusReader>();
        var options = configuration.GetSection(RetentionOptions.SectionName).Get<RetentionOptions>();
        if (options?.IsConfigured == true)
        {
            services.AddSingleton<RetentionService>();
            services.AddHostedService(provider => provider.GetRequiredService<RetentionService>());
        }

        return services;
    }
}
