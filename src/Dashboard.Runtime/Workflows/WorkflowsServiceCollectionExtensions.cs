using Dashboard.Runtime.Workflows.Running;
using Dashboard.Runtime.Workflows.Services;
using Dashboard.Runtime.Workflows.Steps;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Runtime.Workflows;

public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>The workflow runtime: step types, the run writer, the dispatcher and its workers, and the run services.</summary>
    public static IServiceCollection AddDashboardWorkflows(this IServiceCollection services)
    {
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(HttpStep.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);

        services.AddScoped<IStepHandler, LogStep>();
        services.AddScoped<IStepHandler, SetStep>();
        services.AddScoped<IStepHandler, TransformStep>();
        services.AddScoped<IStepHandler, HttpStep>();
        services.AddScoped<IStepHandler, PublishStep>();
        services.AddScoped<IStepHandler, DelayStep>();
        services.AddScoped<IStepHandler, ConditionStep>();
        services.AddScoped<IStepHandler, FailStep>();
        services.AddScoped<IEventPublisher, PipelineEventPublisher>();
        services.AddScoped<RunExecutor>();

        services.AddSingleton<RunStore>();
        services.AddSingleton<RunClaims>();
        services.AddSingleton<RunCancellations>();
        services.AddSingleton<RunWriter>();
        services.AddSingleton<LocalRunStorage>();
        services.AddSingleton<IRunStorage>(provider => provider.GetRequiredService<LocalRunStorage>());
        services.AddSingleton<WorkflowDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WorkflowDispatcher>());
        services.AddSingleton<RunQueries>();
        services.AddSingleton<RunCommands>();
        services.AddSingleton<DryRun.WorkflowDryRun>();
        return services;
    }
}
