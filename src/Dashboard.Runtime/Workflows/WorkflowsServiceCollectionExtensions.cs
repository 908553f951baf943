using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Workflows.Running;
using Dashboard.Runtime.Workflows.Services;
using Dashboard.Runtime.Workflows.Steps;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddScoped<IStepHandler, RespondStep>();
        services.AddSingleton<IStepSettingsCheck, StepSettingsRules>();
        services.AddScoped<RunExecutor>();

        services.AddSingleton<RunStore>();
        services.AddSingleton<RunClaims>();
        services.AddSingleton<SyncRunQueue>();
        services.AddSingleton<RunCancellations>();
        services.AddSingleton<RunWriter>();
        services.AddSingleton<LocalRunStorage>();
        // A transport module registered before the core may provide the run storage (a worker's is the owner).
        services.TryAddSingleton<IRunStorage>(provider => provider.GetRequiredService<LocalRunStorage>());
        services.AddSingleton<WorkflowDispatcher>();
        services.AddSingleton<IDispatchControl>(provider => provider.GetRequiredService<WorkflowDispatcher>());
        services.AddSingleton<IRunHandOff>(provider => provider.GetRequiredService<WorkflowDispatcher>());
        services.AddSingleton<ICommittedWritesListener>(provider => provider.GetRequiredService<WorkflowDispatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<WorkflowDispatcher>());
        services.AddSingleton<ICommittedWritesListener, RunWorkAnnouncer>();
        services.TryAddSingleton<IEventingView, EmbeddedEventingView>();
        services.TryAddSingleton<IScaleOutView, NoScaleOutView>();
        services.AddSingleton<RunQueries>();
        services.AddSingleton<RunCommands>();
        services.AddSingleton<DryRun.WorkflowDryRun>();
        return services;
    }
}
