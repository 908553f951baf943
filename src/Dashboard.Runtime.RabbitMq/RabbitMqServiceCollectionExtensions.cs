using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Health;
using Dashboard.Runtime.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.RabbitMq;

public static class RabbitMqServiceCollectionExtensions
{
    /// <summary>True when the configuration names a broker (<c>RabbitMq:Uri</c>) or enables the module (<c>RabbitMq:Enabled</c>).</summary>
    public static bool IsRequested(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{RabbitMqOptions.SectionName}:Uri"])
        || configuration.GetValue<bool>($"{RabbitMqOptions.SectionName}:Enabled");

    /// <summary>
    /// The RabbitMQ event sources: one consumer per enabled <c>rabbitmq</c> definition. Call only when
    /// <see cref="IsRequested"/>; the connection is opened only while such a definition exists.
    /// </summary>
    public static IServiceCollection AddRabbitMqSources(this IServiceCollection services)
    {
        services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RabbitMqOptions>, RabbitMqOptionsValidator>();
        services.AddSingleton<RabbitMqMessageHandler>();
        services.AddSingleton<RabbitMqEventSources>();
        services.AddHostedService(provider => provider.GetRequiredService<RabbitMqEventSources>());
        services.AddSingleton<IBrokerReadiness, RabbitMqBrokerReadiness>();
        services.AddSingleton<RabbitMqLagReader>();
        services.AddSingleton<ISourceLagReader>(provider => provider.GetRequiredService<RabbitMqLagReader>());
        services.AddSingleton<IConsumerLagReporter>(provider => provider.GetRequiredService<RabbitMqLagReader>());
        return services;
    }
}
