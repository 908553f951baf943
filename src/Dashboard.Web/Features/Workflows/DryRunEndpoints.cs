using System.Text.Json.Nodes;
using Dashboard.Runtime.Workflows.DryRun;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Features.Workflows;

/// <summary>
/// <c>GET /api/workflows/{id}/dry-run/sample</c>: a sample event from the bound definition's schema;
/// <c>POST /api/workflows/{id}/dry-run</c> (Operator): runs the workflow against it with no side effects.
/// </summary>
public static class DryRunEndpoints
{
    public static WebApplication MapWorkflowDryRun(this WebApplication app)
    {
        var group = app.MapGroup("/api/workflows/{id:long}/dry-run").WithTags("Workflows").RequireAuthorization(Policies.Viewer);
        group.MapGet("/sample", SampleAsync);
        group.MapPost("", RunAsync).RequireAuthorization(Policies.Operator);
        return app;
    }

    private static async Task<Results<Ok<DryRunSample>, NotFound>> SampleAsync(long id, WorkflowDryRun dryRun, CancellationToken cancellationToken) =>
        await dryRun.SampleAsync(id, cancellationToken) is { } sample ? TypedResults.Ok(sample) : TypedResults.NotFound();

    private static async Task<Results<Ok<DryRunResult>, NotFound, ValidationProblem>> RunAsync(
        long id, DryRunRequest? request, WorkflowDryRun dryRun, CancellationToken cancellationToken)
    {
        if (request?.Version is < 1)
        {
            return Invalid("version", "A version number, 1 or more (leave it out for the current version).");
        }

        var (status, result, error) = await dryRun.RunAsync(id, request?.Version, request?.Data, request?.Type, cancellationToken);
        return status switch
        {
            DryRunStatus.Done => TypedResults.Ok(result!),
            DryRunStatus.NotFound => TypedResults.NotFound(),
            _ => Invalid("version", error!),
        };
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: $"Invalid {field}");
}

/// <summary>The sample event's data (and optionally its type) and which version to run (the current one when left out).</summary>
public sealed record DryRunRequest(JsonNode? Data, string? Type = null, int? Version = null);
