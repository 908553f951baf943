using Dashboard.Data.Events;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Features.Events;

/// <summary><c>GET /api/events?from&amp;to&amp;definition&amp;type&amp;source&amp;subject&amp;id&amp;outcome&amp;payload&amp;skip&amp;take</c>: the search behind /events.</summary>
public static class EventSearchApi
{
    public static WebApplication MapEventSearchApi(this WebApplication app)
    {
        app.MapGet("/api/events", SearchAsync).RequireAuthorization(Policies.Viewer).WithTags("Events");
        return app;
    }

    private static async Task<Results<Ok<Page<EventSearchRow>>, BadRequest<ProblemDetails>>> SearchAsync(
        string? from, string? to, long? definition, string? type, string? source, string? subject, string? id, string? outcome,
        string? payload, int? skip, int? take, EventSearchQueries queries, CancellationToken cancellationToken)
    {
        var filter = new EventSearchFilter
        {
            From = EventSearchFilter.ParseTime(from), To = EventSearchFilter.ParseTime(to), DefinitionId = definition,
            Type = type, Source = source, Subject = subject, Id = id, Outcome = outcome, Payload = payload,
        };
        if (!string.IsNullOrWhiteSpace(payload) && !filter.TryParsePayload(out _, out _, out var error))
        {
            return TypedResults.BadRequest(new ProblemDetails { Title = "Invalid payload filter", Detail = error, Status = 400 });
        }

        if ((from is not null && filter.From is null) || (to is not null && filter.To is null))
        {
            return TypedResults.BadRequest(new ProblemDetails { Title = "Invalid time", Detail = "from and to are ISO 8601 times, e.g. 2025-01-31T12:00:00Z.", Status = 400 });
        }

        return TypedResults.Ok(await queries.SearchAsync(filter, skip ?? 0, take ?? 50, cancellationToken));
    }
}
