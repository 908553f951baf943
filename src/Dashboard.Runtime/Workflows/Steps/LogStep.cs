using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary><c>log</c>: renders <c>message</c> (a template; default: the step's name) into the step's output and the app log.</summary>
public sealed partial class LogStep(ILogger<LogStep> logger) : IStepHandler
{
    public string Type => "log";

    public static void Validate(StepValidation v)
    {
        v.Known("message");
        v.TemplateString("message", required: false);
    }

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var message = context.Settings.ContainsKey("message") ? Expressions.JsonValues.ToText(context.Render("message")) : $"step '{context.Step.Name}'";
        LogMessage(logger, context.WorkflowName, context.RunId, context.Step.Name, message);
        return Task.FromResult(StepOutcome.Continue(new JsonObject { ["message"] = message }, new JsonObject { ["message"] = message }));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {Workflow} run {RunId} step {Step}: {Message}")]
    private static partial void LogMessage(ILogger logger, string workflow, long runId, string step, string message);
}
