using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Authorization;
using Dashboard.Web.Components.Dialogs;
using Dashboard.Web.Features.Catalog;
using Dashboard.Web.Features.EventDefinitions;
using Dashboard.Web.Features.Workflows;
using MudBlazor.Services;

namespace Dashboard.Web.Components;

public static class ComponentsServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardComponents(this IServiceCollection services)
    {
        // Schemas and step settings are edited as text in the browser; allow them past SignalR's 32 KB default.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(options => options.MaximumReceiveMessageSize = 512 * 1024);
        services.AddMudServices();
        services.AddScoped<DashboardDialogs>();
        services.AddSingleton<CatalogQueries>();
        services.AddSingleton<EventDefinitionQueries>();
        services.AddSingleton<WorkflowQueries>();
        return services;
    }

    public static WebApplication MapDashboardComponents(this WebApplication app)
    {
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .Add(endpoint =>
            {
                if (endpoint is not RouteEndpointBuilder route)
                {
                    return;
                }

                var pattern = route.RoutePattern.RawText?.TrimStart('/') ?? "";
                if (pattern.StartsWith("_framework/", StringComparison.Ordinal))
                {
                    // The framework script must load on the sign-in page too; pages themselves stay protected.
                    endpoint.Metadata.Add(new AllowAnonymousAttribute());
                }
                else if (route.Metadata.OfType<ComponentTypeMetadata>().Any() && !pattern.StartsWith("account/", StringComparison.Ordinal))
                {
                    // Pages only (the circuit's _blazor endpoints keep their methods: negotiate is a POST).
                    // Only the static sign-in and setup forms post back; interactive pages answer GET alone, so
                    // POST /events stays the ingestion endpoint and not the Events page.
                    endpoint.Metadata.Add(new HttpMethodMetadata(["GET", "HEAD"]));
                }
            });
        return app;
    }
}
