using Microsoft.AspNetCore.Authorization;
using Radzen;

namespace Dashboard.Web.Components;

public static class ComponentsServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardComponents(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRadzenComponents();
        services.AddRadzenCookieThemeService(options =>
        {
            options.Name = "dashboard.theme";
            options.Duration = TimeSpan.FromDays(365);
        });
        return services;
    }

    public static WebApplication MapDashboardComponents(this WebApplication app)
    {
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .Add(endpoint =>
            {
                // The framework script must load on the sign-in page too; pages themselves stay protected.
                if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText?.StartsWith("_framework/", StringComparison.Ordinal) == true)
                {
                    endpoint.Metadata.Add(new AllowAnonymousAttribute());
                }
            });
        return app;
    }
}
