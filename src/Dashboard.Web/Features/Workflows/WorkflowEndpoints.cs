using Dashboard.Data;
using Dashboard.Runtime.Definitions;
using Dashboard.Web.Features.Api;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Workflows;

public static class WorkflowEndpoints
{
    public static WebApplication MapWorkflows(this WebApplication app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization(Policies.Viewer);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Admin);
        group.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:long}/versions", VersionsAsync);
        return app;
    }

    private static async Task<Ok<List<WorkflowRow>>> ListAsync(IDbContextFactory<DashboardDbContext> dbFactory, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return TypedResults.Ok(await WorkflowRow.Query(db).OrderBy(r => r.Name).ToListAsync(cancellationToken));
    }

    private static async Task<Results<Ok<List<WorkflowVersionInfo>>, NotFound>> VersionsAsync(long id, WorkflowDefinitionService service, CancellationToken cancellationToken)
    {
        if (await service.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var versions = await service.GetVersionsAsync(id, cancellationToken);
        return TypedResults.Ok(versions.Select(WorkflowVersionInfo.From).ToList());
    }

    private static readonly DefinitionCrud<WorkflowDefinitionModel> Crud = new("/api/workflows", Sanitize);

    private static Task<Results<Ok<WorkflowDefinitionModel>, NotFound>> GetAsync(long id, WorkflowDefinitionService service, CancellationToken cancellationToken) =>
        DefinitionCrud<WorkflowDefinitionModel>.GetAsync(id, service, cancellationToken);

    private static Task<Results<Created<WorkflowDefinitionModel>, ValidationProblem>> CreateAsync(
        WorkflowDefinitionModel model, WorkflowDefinitionService service, HttpContext context, CancellationToken cancellationToken) =>
        Crud.CreateAsync(model, service, context, cancellationToken);

    private static Task<Results<Ok<WorkflowDefinitionModel>, NotFound, ValidationProblem>> UpdateAsync(
        long id, WorkflowDefinitionModel model, WorkflowDefinitionService service, HttpContext context, CancellationToken cancellationToken) =>
        Crud.UpdateAsync(id, model, service, context, cancellationToken);

    private static Task<Results<NoContent, NotFound>> DeleteAsync(long id, WorkflowDefinitionService service, HttpContext context, CancellationToken cancellationToken) =>
        DefinitionCrud<WorkflowDefinitionModel>.DeleteAsync(id, service, context, cancellationToken);

    /// <summary>JSON may send nulls where the model expects values; the rules then report them instead of failing.</summary>
    private static void Sanitize(WorkflowDefinitionModel model, long? id)
    {
        model.Id = id;
        model.Name ??= "";
        model.Description ??= "";
        model.Steps = (model.Steps ?? [])
            .Select(s => s is null ? new WorkflowStep("", "", []) : s with { Name = s.Name ?? "", Type = s.Type ?? "", Settings = s.Settings ?? [] })
            .ToList();
    }
}
