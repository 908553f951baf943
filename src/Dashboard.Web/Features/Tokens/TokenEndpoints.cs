using Dashboard.Runtime.Access;
using Dashboard.Web.Features.Api;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Features.Tokens;

public static class TokenEndpoints
{
    public static WebApplication MapTokens(this WebApplication app)
    {
        var group = app.MapGroup("/api/tokens").WithTags("Tokens").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapDelete("/{id:long}", RevokeAsync);
        return app;
    }

    public static IServiceCollection AddTokens(this IServiceCollection services) => services.AddSingleton<TokenScopeTargets>();

    private static async Task<Ok<List<TokenInfo>>> ListAsync(ApiTokenService tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok((await tokens.ListAsync(cancellationToken)).Select(TokenInfo.From).ToList());

    private static async Task<Results<Created<CreatedTokenInfo>, ValidationProblem>> CreateAsync(
        CreateTokenRequest request, ApiTokenService tokens, TokenScopeTargets targets, HttpContext context, CancellationToken cancellationToken)
    {
        if (await targets.CheckAsync(request.ScopeKind, request.ScopeTargetId, cancellationToken) is { } scopeError)
        {
            return new[] { scopeError }.ToValidationProblem();
        }

        var tokenRequest = new ApiTokenService.TokenRequest(request.Name ?? "", request.Role, request.ScopeKind, request.ScopeTargetId, request.ExpiresAt);
        var (created, errors) = await tokens.CreateAsync(tokenRequest, context.User.ToActor(), cancellationToken);
        if (created is null)
        {
            return errors.ToValidationProblem();
        }

        return TypedResults.Created($"/api/tokens/{created.Token.Id}", new CreatedTokenInfo(TokenInfo.From(created.Token), created.Secret));
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(long id, ApiTokenService tokens, HttpContext context, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(id, context.User.ToActor(), cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
