using Dashboard.Runtime.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Features.Health;

/// <summary>
/// <c>/healthz/live</c>: the process answers (no check runs). <c>/healthz/ready</c>: the store writer commits, the
/// data folder has free space, migrations are applied and configured brokers are connected; 503 when any is not.
/// <c>/healthz</c> stays as an alias of live for existing scripts. All anonymous; none reveals a secret.
/// </summary>
public static class HealthEndpoints
{
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        var live = new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync };
        var ready = new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthServiceCollectionExtensions.ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        };
        app.MapHealthChecks("/healthz", live).AllowAnonymous();
        app.MapHealthChecks("/healthz/live", live).AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", ready).AllowAnonymous();
        return app;
    }
}
