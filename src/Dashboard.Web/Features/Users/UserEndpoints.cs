using Dashboard.Runtime.Access;
using Dashboard.Web.Features.Api;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Features.Users;

public static class UserEndpoints
{
    public static WebApplication MapUsers(this WebApplication app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapPut("/{id:long}", UpdateAsync);
        group.MapDelete("/{id:long}", DeleteAsync);
        return app;
    }

    private static async Task<Ok<List<UserInfo>>> ListAsync(UserService users, CancellationToken cancellationToken) =>
        TypedResults.Ok((await users.ListAsync(cancellationToken)).Select(UserInfo.From).ToList());

    private static async Task<Results<Created<UserInfo>, ValidationProblem>> CreateAsync(
        CreateUserRequest request, UserService users, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await users.CreateAsync(request.UserName?.Trim() ?? "", request.Password ?? "", request.Role, context.User.ToActor(), cancellationToken);
        if (!result.Succeeded)
        {
            return result.Errors.ToValidationProblem();
        }

        var created = (await users.ListAsync(cancellationToken)).First(u => u.Id == result.Id);
        return TypedResults.Created($"/api/users/{result.Id}", UserInfo.From(created));
    }

    private static async Task<Results<Ok<UserInfo>, NotFound, ValidationProblem>> UpdateAsync(
        long id, UpdateUserRequest request, UserService users, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await users.UpdateAsync(id, request.Role, request.NewPassword, context.User.ToActor(), cancellationToken);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Field == "id") ? TypedResults.NotFound() : result.Errors.ToValidationProblem();
        }

        var updated = (await users.ListAsync(cancellationToken)).FirstOrDefault(u => u.Id == id);
        return updated is null ? TypedResults.NotFound() : TypedResults.Ok(UserInfo.From(updated));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteAsync(long id, UserService users, HttpContext context, CancellationToken cancellationToken)
    {
        if ((await users.ListAsync(cancellationToken)).All(u => u.Id != id))
        {
            return TypedResults.NotFound();
        }

        var result = await users.DeleteAsync(id, context.User.ToActor(), cancellationToken);
        return result.Succeeded ? TypedResults.NoContent() : result.Errors.ToValidationProblem();
    }
}
