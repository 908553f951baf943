using Dashboard.Web.Features.Account;
using Dashboard.Web.Features.Audit;
using Dashboard.Web.Features.Events;
using Dashboard.Web.Features.LiveEvents;
using Dashboard.Web.Features.Ingestion;
using Dashboard.Web.Features.Api;
using Dashboard.Web.Features.Backup;
using Dashboard.Web.Features.EventDefinitions;
using Dashboard.Web.Features.Firing;
using Dashboard.Web.Features.OpenApi;
using Dashboard.Web.Features.SystemStatus;
using Dashboard.Web.Features.Tokens;
using Dashboard.Web.Features.Transfer;
using Dashboard.Web.Features.Users;
using Dashboard.Web.Features.WebSocketSource;
using Dashboard.Web.Features.Workflows;

namespace Dashboard.Web.Features;

/// <summary>Composes every feature's services and endpoints; each feature owns its own AddX/MapX.</summary>
public static class FeaturesRegistration
{
    public static IServiceCollection AddDashboardFeatures(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddDashboardApi();
        services.AddLiveMonitoring();
        services.AddTokens();
        services.AddSystemStatus();
        services.AddFiring();
        services.AddBackup();
        services.AddAudit();
        services.AddDashboardOpenApi();
        services.AddWebSocketSource();
        services.AddSingleton<EventDefinitions.SourceLagQuery>();
        services.AddSingleton<SyncAnswers>();
        return services;
    }

    public static WebApplication MapDashboardFeatures(this WebApplication app)
    {
        app.MapAccountEndpoints();
        app.MapIngestionEndpoints();
        app.MapWebSocketSource();
        app.MapEventsApi();
        app.MapLiveMonitoring();
        app.MapEventDefinitions();
        app.MapWorkflows();
        app.MapWorkflowDryRun();
        Runs.RunsEndpoints.MapRuns(app);
        app.MapTokens();
        app.MapUsers();
        app.MapTransfer();
        app.MapFiring();
        app.MapBackup();
        app.MapAuditApi();
        app.MapDashboardOpenApi();
        Home.OverviewApi.MapOverviewApi(app);
        return app;
    }
}
