using System.Text.Json;
using Dashboard.Runtime.Ingestion;
using Dashboard.Web.Features.Ingestion;
using Dashboard.Web.Security;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Features.Firing;

/// <summary>Manual firing: the editor page, "fire again", and <c>POST /api/event-definitions/{id}/fire</c> for Operators.</summary>
public static class FiringFeature
{
    public static IServiceCollection AddFiring(this IServiceCollection services) => services.AddSingleton<FiringService>();

    public static WebApplication MapFiring(this WebApplication app)
    {
        app.MapPost("/api/event-definitions/{id:long}/fire", FireAsync)
            .RequireAuthorization(Policies.Operator)
            .WithTags("Firing")
            .WithSummary("Fires an event at a definition as the caller; the body is a CloudEvent or { \"data\": ... }.");
        return app;
    }

    private static async Task<IResult> FireAsync(long id, HttpContext context, FiringService firing, IOptions<IngestionOptions> options)
    {
        var body = await RequestBody.ReadAsync(context.Request, options.Value.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return TypedResults.Problem($"The body is larger than {options.Value.MaxBodyBytes} bytes.", statusCode: 413, title: "Body too large");
        }

        var target = await firing.GetTargetAsync(id, context.RequestAborted);
        if (target is null)
        {
            return TypedResults.Problem($"No event definition {id}.", statusCode: 404, title: "Unknown event definition");
        }

        byte[]? cloudEvent;
        try
        {
            using var document = JsonDocument.Parse(body.Value);
            cloudEvent = ManualEvents.FromApiBody(document.RootElement, target.Key, target.TypeFilter, Guid.NewGuid().ToString());
        }
        catch (JsonException ex)
        {
            return Invalid(ex.Path ?? "$", $"not valid JSON: {ex.Message}");
        }

        if (cloudEvent is null)
        {
            return Invalid("$", "send a CloudEvent (with specversion) or an object with a data member");
        }

        return IngestionResults.ToHttp(await firing.FireAsync(id, cloudEvent, context.User, context.RequestAborted));
    }

    private static IResult Invalid(string path, string message) =>
        IngestionResults.ToHttp(new IngestionResult(400, Outcomes.RejectedInvalid, "Invalid event", message) { Errors = [new IngestionError(path, message)] });
}
