using Dashboard.Web.Security;
using Scalar.AspNetCore;

namespace Dashboard.Web.Features.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> and <c>/openapi/v1.yaml</c>: the admin <c>/api</c> as ASP.NET Core describes it, plus one
/// operation per enabled HTTP event definition; <c>/reference</c>: a browsable reference page of the same document.
/// Both need sign-in (any role), like the rest of the dashboard: the document lists every route and schema.
/// </summary>
public static class OpenApiFeature
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddDashboardOpenApi(this IServiceCollection services)
    {
        services.AddSingleton<HttpDefinitionSource>();
        services.AddOpenApi(DocumentName, options =>
        {
            // Ingestion's generic routes are replaced by one operation per definition; pages and hubs are not an API.
            options.ShouldInclude = description => description.RelativePath is { } path && (path == "api" || path.StartsWith("api/", StringComparison.Ordinal));
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Event runtime dashboard";
                document.Info.Description = "The admin API, and one webhook operation per enabled HTTP event definition.";
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<DefinitionOperations>();
        });
        return services;
    }

    public static WebApplication MapDashboardOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Policies.Viewer);
        app.MapOpenApi("/openapi/{documentName}.yaml").RequireAuthorization(Policies.Viewer);
        app.MapScalarApiReference("/reference", options => options
            .WithTitle("Event runtime API reference")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")).RequireAuthorization(Policies.Viewer);
        return app;
    }
}
