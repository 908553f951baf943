using Dashboard.Runtime.Definitions;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Features.Api;

/// <summary>
/// The handlers behind get, create, update and delete of one kind of definition (event definitions, workflows): the
/// same shapes and status codes for both. <c>sanitize</c> turns JSON nulls into values the rules can report on. Each
/// endpoint class maps its routes to one-line handlers that call these.
/// </summary>
public sealed class DefinitionCrud<TModel>(string basePath, Action<TModel, long?> sanitize)
    where TModel : class
{
    public static async Task<Results<Ok<TModel>, NotFound>> GetAsync<TService>(long id, TService service, CancellationToken cancellationToken)
        where TService : IDefinitionService<TModel> =>
        await service.GetAsync(id, cancellationToken) is { } model ? TypedResults.Ok(model) : TypedResults.NotFound();

    public async Task<Results<Created<TModel>, ValidationProblem>> CreateAsync<TService>(
        TModel model, TService service, HttpContext context, CancellationToken cancellationToken)
        where TService : IDefinitionService<TModel>
    {
        sanitize(model, null);
        var result = await service.SaveAsync(model, context.User.ToActor(), cancellationToken);
        if (!result.Succeeded)
        {
            return result.Errors.ToValidationProblem();
        }

        var saved = await service.GetAsync(result.Id!.Value, cancellationToken);
        return TypedResults.Created($"{basePath}/{result.Id}", saved);
    }

    public async Task<Results<Ok<TModel>, NotFound, ValidationProblem>> UpdateAsync<TService>(
        long id, TModel model, TService service, HttpContext context, CancellationToken cancellationToken)
        where TService : IDefinitionService<TModel>
    {
        if (await service.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        sanitize(model, id);
        var result = await service.SaveAsync(model, context.User.ToActor(), cancellationToken);
        if (!result.Succeeded)
        {
            return result.Errors.ToValidationProblem();
        }

        return await service.GetAsync(id, cancellationToken) is { } saved ? TypedResults.Ok(saved) : TypedResults.NotFound();
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync<TService>(long id, TService service, HttpContext context, CancellationToken cancellationToken)
        where TService : IDefinitionService<TModel> =>
        await service.DeleteAsync(id, context.User.ToActor(), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
