using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.Streaming;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Ingestion;

/// <summary>
/// <c>POST /hooks/{route}</c> (the definition on that route) and <c>POST /events</c> (routed by CloudEvents type).
/// Both take binary, structured and batch mode and authenticate per definition, not by sign-in.
/// </summary>
public static class IngestionEndpoints
{
    public static WebApplication MapIngestionEndpoints(this WebApplication app)
    {
        var hooks = app.MapMethods("/hooks/{**route}", ["POST", "PUT"], async (HttpContext context, string route, IngestionPipeline pipeline,
            IOptions<IngestionOptions> options, IngestLatency latency, SyncAnswers sync) =>
            await SyncAsync(context, await MeasuredAsync(context, route, pipeline, options.Value, latency), sync, options.Value));
        var events = app.MapPost("/events", async (HttpContext context, IngestionPipeline pipeline, IOptions<IngestionOptions> options, IngestLatency latency,
            SyncAnswers sync) =>
            await SyncAsync(context, await MeasuredAsync(context, null, pipeline, options.Value, latency), sync, options.Value));

        // Every other method answers 405 with Allow (OPTIONS: the webhook validation handshake), never the sign-in redirect.
        var otherHooks = app.MapMethods("/hooks/{**route}", OtherMethods, async (HttpContext context, string route, IngestionPipeline pipeline, IOptions<IngestionOptions> options) =>
            IngestionResults.ToHttp(await IngestAsync(context, route, pipeline, options.Value)));
        var otherEvents = app.MapMethods("/events", EventsOtherMethods, (HttpContext context) => WrongMethodOnEvents(context));
        foreach (var endpoint in new[] { hooks, events, otherHooks, otherEvents })
        {
            endpoint.AllowAnonymous().DisableAntiforgery().WithTags("Ingestion");
        }

        return app;
    }

    private static readonly string[] OtherMethods = ["GET", "HEAD", "DELETE", "PATCH", "OPTIONS", "TRACE"];

    // GET and HEAD on /events are the dashboard's events page.
    private static readonly string[] EventsOtherMethods = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"];

    private static IResult WrongMethodOnEvents(HttpContext context)
    {
        context.Response.Headers.Allow = "POST, OPTIONS";
        return HttpMethods.IsOptions(context.Request.Method)
            ? TypedResults.NoContent()
            : TypedResults.Problem($"/events accepts POST, not {context.Request.Method}.", statusCode: 405, title: "Method not allowed");
    }

    /// <summary>A stored sync event waits for its workflow's answer; every other result is answered as it is.</summary>
    private static async Task<IResult> SyncAsync(HttpContext context, IngestionResult result, SyncAnswers sync, IngestionOptions options) =>
        result.Accepted && result.Sync is not null && result.Events.Count == 1
            ? await sync.AnswerAsync(context, result, options.MaxSyncTimeoutSeconds)
            : IngestionResults.ToHttp(result);

    /// <summary>Records the time from the request reaching the endpoint to its store answer in the ingest latency histogram.</summary>
    private static async Task<IngestionResult> MeasuredAsync(HttpContext context, string? route, IngestionPipeline pipeline, IngestionOptions options, IngestLatency latency)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await IngestAsync(context, route, pipeline, options);
        }
        finally
        {
            latency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    private static async Task<IngestionResult> IngestAsync(HttpContext context, string? route, IngestionPipeline pipeline, IngestionOptions options)
    {
        var request = new IngestionRequest
        {
            Route = route,
            Method = context.Request.Method,
            RemoteAddress = context.Connection.RemoteIpAddress?.ToString(),
            ContentType = context.Request.ContentType,
            Headers = RequestHeaders.Relevant(context.Request.Headers),
            Body = ReadOnlyMemory<byte>.Empty,
            QueryToken = context.Request.Query["access_token"].FirstOrDefault(),
            QueryTokenRepeated = context.Request.Query["access_token"].Count > 1,
        };

        if (pipeline.RefuseWhenFull(request) is { } refused)
        {
            return refused;
        }

        var body = await RequestBody.ReadAsync(context.Request, options.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            var tooLarge = await pipeline.RejectAsync(request, null, 413, Outcomes.TooLarge, "Body too large",
                $"The body is larger than {options.MaxBodyBytes} bytes.", context.RequestAborted);
            return tooLarge;
        }

        return await pipeline.IngestAsync(request with { Body = body.Value }, context.RequestAborted);
    }
}
