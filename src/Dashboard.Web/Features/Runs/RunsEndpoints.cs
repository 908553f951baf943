using Dashboard.Runtime.Workflows.Services;
using Dashboard.Runtime.Workflows.Store;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Features.Runs;

/// <summary>
/// Runs, step results, a workflow's activity log and dead letters; cancel and replay for Operators. The global activity
/// log (<c>GET /api/activity</c>, filterable by workflow) belongs to the Activity feature.
/// </summary>
public static class RunsEndpoints
{
    public static WebApplication MapRuns(this WebApplication app)
    {
        var api = app.MapGroup("/api").WithTags("Runs").RequireAuthorization(Policies.Viewer);
        api.MapGet("/workflows/{id:long}/runs", ListRunsAsync);
        api.MapGet("/runs/{id:long}", GetRunAsync);
        api.MapPost("/runs/{id:long}/cancel", CancelAsync).RequireAuthorization(Policies.Operator);
        api.MapPost("/runs/{id:long}/replay", ReplayAsync).RequireAuthorization(Policies.Operator);
        api.MapPost("/runs/replay", ReplayManyAsync).RequireAuthorization(Policies.Operator);
        api.MapGet("/dead-letters", DeadLettersAsync);
        api.MapGet("/dead-letters/replayed", (long? workflowId, int? page, int? pageSize, RunQueries queries, CancellationToken cancellationToken) =>
            ReplayedDeadLettersAsync(workflowId, page, pageSize, queries, cancellationToken));
        api.MapGet("/workflows/{id:long}/activity", (long id, int? page, int? pageSize, RunQueries queries, CancellationToken cancellationToken) =>
            ActivityAsync(id, page, pageSize, queries, cancellationToken));
        return app;
    }

    private static async Task<Results<Ok<PagedList<RunSummary>>, ValidationProblem>> ListRunsAsync(
        long id, string? state, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, RunQueries queries, CancellationToken cancellationToken)
    {
        if (state is not null && !RunStates.All.Contains(state))
        {
            return InvalidState(state);
        }

        return TypedResults.Ok(await queries.GetRunsAsync(id, new RunFilter(state, from, to, page ?? 1, pageSize ?? 50), cancellationToken));
    }

    private static async Task<Results<Ok<RunDetail>, NotFound>> GetRunAsync(long id, RunQueries queries, CancellationToken cancellationToken) =>
        await queries.GetRunDetailAsync(id, cancellationToken) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    private static async Task<Results<Ok<CommandResult>, NotFound, Conflict<CommandResult>, ValidationProblem>> CancelAsync(
        long id, CancelRequest? request, RunCommands commands, HttpContext context, CancellationToken cancellationToken) =>
        ToResult(await commands.CancelAsync(id, context.User.ToActor(), request?.Reason, cancellationToken));

    private static async Task<Results<Ok<CommandResult>, NotFound, Conflict<CommandResult>, ValidationProblem>> ReplayAsync(
        long id, ReplayRequest request, RunCommands commands, HttpContext context, CancellationToken cancellationToken) =>
        ToResult(await commands.ReplayAsync(id, new ReplayOptions(request.FromFailedStep, request.Version, request.Force), context.User.ToActor(), request.Reason, cancellationToken));

    private static async Task<Results<Ok<CommandResult>, NotFound, Conflict<CommandResult>, ValidationProblem>> ReplayManyAsync(
        ReplayManyRequest request, RunCommands commands, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.State is null || !RunStates.All.Contains(request.State))
        {
            return InvalidState(request.State);
        }

        var filter = new ReplayFilter(request.WorkflowId, request.State, request.Error, request.From, request.To);
        return ToResult(await commands.ReplayManyAsync(filter, new ReplayOptions(request.FromFailedStep, request.Version, request.Force), context.User.ToActor(), request.Reason, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<DeadLetterGroup>>> DeadLettersAsync(long? workflowId, RunQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetDeadLettersAsync(workflowId, cancellationToken));

    private static async Task<Ok<PagedList<ReplayedDeadLetter>>> ReplayedDeadLettersAsync(
        long? workflowId, int? page, int? pageSize, RunQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetReplayedDeadLettersAsync(workflowId, page ?? 1, pageSize ?? 50, cancellationToken));

    private static async Task<Ok<PagedList<ActivityEntry>>> ActivityAsync(long? workflowId, int? page, int? pageSize, RunQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetActivityAsync(workflowId, page ?? 1, pageSize ?? 50, cancellationToken));

    private static Results<Ok<CommandResult>, NotFound, Conflict<CommandResult>, ValidationProblem> ToResult(CommandResult result) => result.Status switch
    {
        CommandStatus.Done => TypedResults.Ok(result),
        CommandStatus.NotFound => TypedResults.NotFound(),
        CommandStatus.Conflict => TypedResults.Conflict(result),
        _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["request"] = [result.Message] }, title: result.Message),
    };

    private static ValidationProblem InvalidState(string? state) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [$"Unknown state '{state}'. Use one of {string.Join(", ", RunStates.All)}."] });
}

public sealed record CancelRequest(string? Reason);

/// <summary>A replay: from the failed step or the start, on the original or the current version; <c>force</c> replays a run already replayed.</summary>
public sealed record ReplayRequest(bool FromFailedStep, string? Reason, ReplayVersion Version = ReplayVersion.Original, bool Force = false);

public sealed record ReplayManyRequest(
    long WorkflowId, string? State, string? Reason, bool FromFailedStep, string? Error = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    ReplayVersion Version = ReplayVersion.Original, bool Force = false);
