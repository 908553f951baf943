using Dashboard.Data.Entities;
using Dashboard.Runtime.Ingestion;
using Dashboard.Web.Features.Ingestion;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.WebSocketSource;

/// <summary>
/// <c>/ws/{route}</c>: a WebSocket per connection to a <c>websocket</c> event definition. The handshake is
/// authorized as a webhook request is (bearer header, <c>access_token</c> query, or a Standard Webhooks signature
/// over an empty body) and refused with 401/403/404/410 before the upgrade; never a redirect to sign-in.
/// </summary>
public static class WebSocketSourceFeature
{
    public static IServiceCollection AddWebSocketSource(this IServiceCollection services)
    {
        services.AddOptions<WebSocketSourceOptions>().BindConfiguration(WebSocketSourceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static WebApplication MapWebSocketSource(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<WebSocketSourceOptions>>().Value;
        var branch = ((IEndpointRouteBuilder)app).CreateApplicationBuilder();
        branch.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(options.KeepAliveSeconds) });
        branch.Run(AcceptAsync);
        app.Map("/ws/{**route}", branch.Build()).AllowAnonymous().DisableAntiforgery().WithTags("Ingestion");
        return app;
    }

    private static async Task AcceptAsync(HttpContext context)
    {
        var route = context.GetRouteValue("route") as string ?? "";
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.Headers.Upgrade = "websocket";
            await TypedResults.Problem($"/ws/{route} is a WebSocket endpoint: connect with a WebSocket upgrade.", statusCode: StatusCodes.Status426UpgradeRequired,
                title: "Upgrade required").ExecuteAsync(context);
            return;
        }

        var services = context.RequestServices;
        var pipeline = services.GetRequiredService<IngestionPipeline>();
        var handshake = new IngestionRequest
        {
            SourceRoute = $"/ws/{route}",
            Method = context.Request.Method,
            RemoteAddress = context.Connection.RemoteIpAddress?.ToString(),
            Headers = RequestHeaders.Relevant(context.Request.Headers),
            Body = ReadOnlyMemory<byte>.Empty,
            QueryToken = context.Request.Query["access_token"].FirstOrDefault(),
            QueryTokenRepeated = context.Request.Query["access_token"].Count > 1,
        };
        var admission = await pipeline.AdmitConnectionAsync(handshake, route, EventSourceKind.WebSocket, context.RequestAborted);
        if (admission.Rejection is { } rejection)
        {
            await IngestionResults.ToHttp(rejection).ExecuteAsync(context);
            return;
        }

        // Each frame is attributed to the handshake's credentials; its own ce-/webhook- headers do not exist.
        var frames = handshake with
        {
            DefinitionId = admission.Definition!.Id, Authorized = admission.Decision, Headers = [], QueryToken = null, QueryTokenRepeated = false,
        };
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var session = new WebSocketSession(socket, pipeline, admission.Definition, frames,
            services.GetRequiredService<IOptions<IngestionOptions>>().Value.MaxBodyBytes,
            services.GetRequiredService<IOptions<WebSocketSourceOptions>>().Value.MaxFramesInFlight);
        await session.RunAsync(context.RequestAborted);
    }
}
