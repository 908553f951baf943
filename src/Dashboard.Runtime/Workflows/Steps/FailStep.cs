using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>
/// <c>fail</c>: ends the run as failed with <c>message</c> (a template). Never retried. <c>status</c> (400-599, default
/// 502) is what the caller of a sync event gets with the message in a problem body.
/// </summary>
public sealed class FailStep : IStepHandler
{
    public string Type => "fail";

    public static void Validate(StepValidation v)
    {
        v.Known("message", "status");
        v.TemplateString("message", required: true);
        v.Number("status", 400, 599);
    }

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var message = Expressions.JsonValues.ToText(context.Render("message"));
        var status = RespondStep.Status(context, "status", 502) is { } chosen and >= 400 and <= 599 ? chosen : 502;
        return Task.FromResult(StepOutcome.Fail(new JsonObject { ["message"] = message }, message) with { ResponseStatus = status });
    }
}
