using Microsoft.Extensions.Primitives;

namespace Dashboard.Web.Features.LiveEvents;

/// <summary>
/// Browser SignalR clients cannot set headers on WebSocket and server-sent-event requests, so they send the API token
/// as <c>?access_token=</c>. Under <c>/hubs</c> only, that query value becomes the bearer header before authentication.
/// </summary>
public sealed class HubAccessTokenQuery : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var request = context.Request;
            if (request.Path.StartsWithSegments("/hubs")
                && StringValues.IsNullOrEmpty(request.Headers.Authorization)
                && request.Query.TryGetValue("access_token", out var token)
                && !StringValues.IsNullOrEmpty(token))
            {
                request.Headers.Authorization = $"Bearer {token}";
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
