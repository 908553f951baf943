using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary><c>fail</c>: ends the run as failed with <c>message</c> (a template). Never retried.</summary>
public sealed class FailStep : IStepHandler
{
    public string Type => "fail";

    public static void Validate(StepValidation v)
    {
        v.Known("message");
        v.TemplateString("message", required: true);
    }

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var message = Expressions.JsonValues.ToText(context.Render("message"));
        return Task.FromResult(StepOutcome.Fail(new JsonObject { ["message"] = message }, message));
    }
}
