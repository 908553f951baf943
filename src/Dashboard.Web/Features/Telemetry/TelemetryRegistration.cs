using Dashboard.Runtime.Telemetry;
using Dashboard.Web.Security;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Features.Telemetry;

/// <summary>
/// OpenTelemetry for the host: the runtime's meters plus ASP.NET Core, Kestrel and .NET runtime metrics, scraped at
/// <c>/metrics</c> (Prometheus text) and exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; spans of
/// the runtime and ASP.NET Core when tracing is on (OTLP configured or <c>Telemetry:Tracing</c>).
/// </summary>
public static class TelemetryRegistration
{
    public const string ServiceName = "event-runtime-dashboard";

    public static IServiceCollection AddDashboardTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(TelemetryRegistration).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. TelemetryServiceCollectionExtensions.MeterNames, "System.Runtime"]).AddAspNetCoreInstrumentation();
                if (options.PrometheusEndpoint)
                {
                    metrics.AddPrometheusExporter();
                }

                if (options.LoopbackMetricsPort is { } port)
                {
                    metrics.AddPrometheusHttpListener(listener =>
                    {
                        listener.Host = "127.0.0.1";
                        listener.Port = port;
                    });
                }
            });
        if (options.Tracing || otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(RuntimeTracing.SourceName)
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = context => !context.Request.Path.StartsWithSegments("/_blazor")));
        }

        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary><c>/metrics</c> for Prometheus: a signed-in Viewer (cookie or a Viewer API token as a bearer token).</summary>
    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.PrometheusEndpoint)
        {
            app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Viewer);
        }

        return app;
    }
}
