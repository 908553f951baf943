using Dashboard.Data;
using Dashboard.Runtime.Definitions;
using Dashboard.Web.Features.Api;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.EventDefinitions;

public static class EventDefinitionEndpoints
{
    public static WebApplication MapEventDefinitions(this WebApplication app)
    {
        var group = app.MapGroup("/api/event-definitions").WithTags("Event definitions").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:long}/versions", VersionsAsync);
        group.MapGet("/{id:long}/versions/diff", DiffAsync);
        group.MapGet("/{id:long}/consumer-lag", ConsumerLagAsync);
        return app;
    }

    private static async Task<Ok<List<EventDefinitionRow>>> ListAsync(IDbContextFactory<DashboardDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return TypedResults.Ok(await EventDefinitionRow.Query(db).OrderBy(r => r.Key).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<EventDefinitionVersionInfo>>, NotFound>> VersionsAsync(
        long id, EventDefinitionHistory history, CancellationToken cancellationToken) =>
        await history.GetVersionsAsync(id, cancellationToken) is { } versions ? TypedResults.Ok(versions) : TypedResults.NotFound();

    private static async Task<Results<Ok<EventDefinitionDiff>, NotFound, ValidationProblem>> DiffAsync(
        long id, int? from, int? to, EventDefinitionHistory history, CancellationToken cancellationToken)
    {
        if (from is null or < 1 || to is null or < 1)
        {
            var field = from is null or < 1 ? "from" : "to";
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = ["A version number, 1 or more."] }, title: $"Invalid {field}");
        }

        return await history.DiffAsync(id, from.Value, to.Value, cancellationToken) is { } diff ? TypedResults.Ok(diff) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<SourceLagView>, NotFound>> ConsumerLagAsync(long id, SourceLagQuery query, CancellationToken cancellationToken) =>
        await query.GetAsync(id, cancellationToken) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static readonly DefinitionCrud<EventDefinitionModel> Crud = new("/api/event-definitions", Sanitize);

    private static Task<Results<Ok<EventDefinitionModel>, NotFound>> GetAsync(long id, EventDefinitionService service, CancellationToken cancellationToken) =>
        DefinitionCrud<EventDefinitionModel>.GetAsync(id, service, cancellationToken);

    private static Task<Results<Created<EventDefinitionModel>, ValidationProblem>> CreateAsync(
        EventDefinitionModel model, EventDefinitionService service, HttpContext context, CancellationToken cancellationToken) =>
        Crud.CreateAsync(model, service, context, cancellationToken);

    private static Task<Results<Ok<EventDefinitionModel>, NotFound, ValidationProblem>> UpdateAsync(
        long id, EventDefinitionModel model, EventDefinitionService service, HttpContext context, CancellationToken cancellationToken) =>
        Crud.UpdateAsync(id, model, service, context, cancellationToken);

    private static Task<Results<NoContent, NotFound>> DeleteAsync(long id, EventDefinitionService service, HttpContext context, CancellationToken cancellationToken) =>
        DefinitionCrud<EventDefinitionModel>.DeleteAsync(id, service, context, cancellationToken);

    /// <summary>JSON may send nulls where the model expects values; the rules then report them instead of failing.</summary>
    private static void Sanitize(EventDefinitionModel model, long? id)
    {
        model.Id = id;
        model.Key ??= "";
        model.Description ??= "";
        model.HttpMethod = string.IsNullOrWhiteSpace(model.HttpMethod) ? "POST" : model.HttpMethod.Trim().ToUpperInvariant();
        model.WorkflowNames = model.WorkflowNames?.Where(n => n is not null).Distinct().ToList() ?? [];
    }
}
