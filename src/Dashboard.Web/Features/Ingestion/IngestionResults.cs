using Dashboard.Runtime.Ingestion;

namespace Dashboard.Web.Features.Ingestion;

/// <summary>Maps a pipeline result to the HTTP contract: 202/200 with the event(s), or an RFC 9457 problem listing each error.</summary>
internal static class IngestionResults
{
    public static IResult ToHttp(IngestionResult result) => result.Allow is null && result.AllowedOrigin is null
        ? Body(result)
        : new WithHeaders(Body(result), result.Allow, result.AllowedOrigin);

    private static IResult Body(IngestionResult result)
    {
        if (result.Title == "Options")
        {
            return TypedResults.StatusCode(result.Status);
        }

        if (result.Accepted)
        {
            if (result.IsBatch)
            {
                return TypedResults.Json(new
                {
                    status = "accepted",
                    accepted = result.Events.Count(e => !e.Duplicate),
                    duplicates = result.Events.Count(e => e.Duplicate),
                    results = result.Events.Select(Describe),
                }, statusCode: result.Status);
            }

            return result.Events.Count == 0 ? TypedResults.StatusCode(result.Status) : TypedResults.Json(Describe(result.Events[0]), statusCode: result.Status);
        }

        if (ValidationErrorBody.Render(result) is { } shaped)
        {
            return shaped;
        }

        var extensions = new Dictionary<string, object?>
        {
            ["outcome"] = result.Outcome,
            ["errors"] = result.Errors.Select(e => new { path = e.Path, message = e.Message }).ToList(),
        };
        var problem = TypedResults.Problem(result.Detail, statusCode: result.Status, title: result.Title, extensions: extensions);
        return result.RetryAfterSeconds is { } retryAfter ? new WithRetryAfter(problem, retryAfter) : problem;
    }

    private static object Describe(IngestedEvent e) => new
    {
        index = e.Index,
        id = e.Id,
        source = e.Source,
        status = e.Duplicate ? "duplicate" : "accepted",
        duplicate = e.Duplicate,
        seq = e.Seq,
        workflows = e.Workflows,
    };

    private sealed class WithHeaders(IResult inner, string? allow, string? allowedOrigin) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (allow is not null)
            {
                httpContext.Response.Headers.Allow = allow;
            }

            if (allowedOrigin is not null)
            {
                httpContext.Response.Headers["WebHook-Allowed-Origin"] = allowedOrigin;
            }

            return inner.ExecuteAsync(httpContext);
        }
    }

    private sealed class WithRetryAfter(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
