using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Features.Home;

/// <summary><c>GET /api/overview?range=15m|1h|6h|24h|7d</c> (Viewer): the overview's numbers, as the page shows them.</summary>
public static class OverviewApi
{
    public static WebApplication MapOverviewApi(this WebApplication app)
    {
        app.MapGet("/api/overview", GetAsync).RequireAuthorization(Policies.Viewer).WithTags("Overview");
        return app;
    }

    private static async Task<Results<Ok<OverviewReport>, ValidationProblem>> GetAsync(string? range, OverviewQueries queries, CancellationToken cancellationToken)
    {
        if (range is not null && OverviewRange.Parse(range) is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["range"] = [$"Unknown range '{range}'. Use one of {string.Join(", ", OverviewRange.All.Select(r => r.Key))}."] },
                title: "Invalid range");
        }

        return TypedResults.Ok(await queries.GetAsync(OverviewRange.Parse(range) ?? OverviewRange.Default, cancellationToken));
    }
}
