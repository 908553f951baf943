using Dashboard.Web.Features.Account;

namespace Dashboard.Web.Features;

/// <summary>Composes every feature's services and endpoints; each feature owns its own AddX/MapX.</summary>
public static class FeaturesRegistration
{
    public static IServiceCollection AddDashboardFeatures(this IServiceCollection services)
    {
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication MapDashboardFeatures(this WebApplication app)
    {
        app.MapAccountEndpoints();
        return app;
    }
}
