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
        return app;
    }

    private static async Task<Ok<List<EventDefinitionRow>>> ListAsync(IDbContextFactory<DashboardDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return TypedResults.Ok(await EventDefinitionRow.Query(db).OrderBy(r => r.Key).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Ok<EventDefinitionModel>, NotFound>> GetAsync(long id, EventDefinitionService service, CancellationToken cancellationToken) =>
        await service.GetAsync(id, cancellationToken) is { } model ? TypedResults.Ok(model) : TypedResults.NotFound();

    private static async Task<Results<Created<EventDefinitionModel>, ValidationProblem>> CreateAsync(
        EventDefinitionModel model, EventDefinitionService service, HttpContext context, CancellationToken cancellationToken)
    {
        Sanitize(model, null);
        var result = await service.SaveAsync(model, context.User.ToActor(), cancellationToken);
        if (!result.Succeeded)
        {
            return result.Errors.ToValidationProblem();
        }

        var saved = await service.GetAsync(result.Id!.Value, cancellationToken);
        return TypedResults.Created($"/api/event-definitions/{result.Id}", saved);
    }

    private static async Task<Results<Ok<EventDefinitionModel>, NotFound, ValidationProblem>> UpdateAsync(
        long id, EventDefinitionModel model, EventDefinitionService service, HttpContext context, CancellationToken cancellationToken)
    {
        if (await service.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        Sanitize(model, id);
        var result = await service.SaveAsync(model, context.User.ToActor(), cancellationToken);
        if (!result.Succeeded)
        {
            return result.Errors.ToValidationProblem();
        }

        return await service.GetAsync(id, cancellationToken) is { } saved ? TypedResults.Ok(saved) : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(long id, EventDefinitionService service, HttpContext context, CancellationToken cancellationToken) =>
        await service.DeleteAsync(id, context.User.ToActor(), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

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
