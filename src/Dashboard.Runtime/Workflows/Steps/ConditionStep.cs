using System.Text.Json.Nodes;
using Dashboard.Runtime.Workflows.Expressions;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>
/// <c>condition</c>: evaluates <c>expression</c> (no braces needed) and goes where <c>whenTrue</c> or <c>whenFalse</c>
/// says: <c>continue</c> (the default), <c>end</c> (the run succeeds), or the name of a later step to skip to.
/// </summary>
public sealed class ConditionStep : IStepHandler
{
    public string Type => "condition";

    public static void Validate(StepValidation v)
    {
        v.Known("expression", "whenTrue", "whenFalse");
        if (v.TemplateString("expression", required: true) is { } expression && !Template.HasExpressions(expression))
        {
            try
            {
                ExpressionParser.Parse(expression);
            }
            catch (ExpressionException ex)
            {
                v.Error("expression", ex.Message);
            }
        }

        foreach (var branch in new[] { "whenTrue", "whenFalse" })
        {
            if (v.TemplateString(branch, required: false) is { } target && target is not ("continue" or "end"))
            {
                var found = false;
                for (var i = v.Index + 1; i < v.Steps.Count; i++)
                {
                    found |= v.Steps[i].Name == target;
                }

                if (!found)
                {
                    v.Error(branch, $"'{target}' is not 'continue', 'end' or the name of a later step.");
                }
            }
        }
    }

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var source = JsonValues.AsString(context.Settings["expression"]) ?? "";
        JsonNode? value;
        try
        {
            value = Template.HasExpressions(source) ? Template.Parse(source).Render(context.Scope) : ExpressionParser.Parse(source).Evaluate(context.Scope);
        }
        catch (ExpressionException ex)
        {
            throw new TemplateFieldException("settings.expression", ex);
        }

        var result = JsonValues.Truthy(value);
        var branch = JsonValues.AsString(context.Settings[result ? "whenTrue" : "whenFalse"]) ?? "continue";
        var output = new JsonObject { ["result"] = result, ["branch"] = branch };
        var input = new JsonObject { ["expression"] = source, ["value"] = value };
        return Task.FromResult(branch switch
        {
            "continue" => StepOutcome.Continue(input, output),
            "end" => new StepOutcome(StepOutcomeKind.End, input, output),
            _ => new StepOutcome(StepOutcomeKind.GoTo, input, output) { Target = branch },
        });
    }
}
