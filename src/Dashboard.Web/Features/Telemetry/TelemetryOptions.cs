using System.ComponentModel.DataAnnotations;

namespace Dashboard.Web.Features.Telemetry;

/// <summary>Section <c>Telemetry</c>. OTLP export is switched on by the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Record spans (ingest → commit → run → steps) even without an OTLP endpoint (e.g. for an in-process listener).</summary>
    public bool Tracing { get; set; }

    /// <summary>Serve <c>/metrics</c> on the app's own port (Viewer sign-in or a Viewer bearer token).</summary>
    public bool PrometheusEndpoint { get; set; } = true;

    /// <summary>When set, also serve an anonymous Prometheus scrape endpoint on 127.0.0.1 at this port (e.g. 9464).</summary>
    [Range(1, 65535)]
    public int? LoopbackMetricsPort { get; set; }
}
