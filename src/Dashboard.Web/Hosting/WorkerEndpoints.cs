using System.Net;
using Dashboard.Runtime.Common;
using Dashboard.Web.Features.Ingestion;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// A worker instance (Runtime:Role=Worker) serves ingestion and health only: it has no store of its own to show, so
/// instead of the dashboard its start page says what it is and where the owner's dashboard is.
/// </summary>
public static class WorkerEndpoints
{
    public static WebApplication MapWorkerEndpoints(this WebApplication app)
    {
        app.MapIngestionEndpoints();
        app.MapGet("/", (IOptions<RuntimeOptions> runtime) => TypedResults.Content(StartPage(runtime.Value), "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();

        // Anything else is not here (rather than a sign-in challenge for a dashboard this instance does not have).
        app.MapFallback(() => TypedResults.Problem(
                "This instance is a worker: it serves only ingestion (/hooks/…, /events), /healthz and its start page.",
                statusCode: StatusCodes.Status404NotFound, title: "Not served by a worker"))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static string StartPage(RuntimeOptions runtime)
    {
        var name = WebUtility.HtmlEncode(runtime.EffectiveInstanceName);
        var owner = string.IsNullOrWhiteSpace(runtime.OwnerUrl)
            ? "on the owner instance"
            : $"""at <a href="{WebUtility.HtmlEncode(runtime.OwnerUrl)}">{WebUtility.HtmlEncode(runtime.OwnerUrl)}</a>""";
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Worker {name}</title></head>
            <body style="font-family: sans-serif; margin: 2rem">
            <h1>Worker instance {name}</h1>
            <p>This instance accepts webhooks and runs workflows for the owner. It has no dashboard: events, runs and activity
            are stored and shown {owner}.</p>
            </body></html>
            """;
    }
}
