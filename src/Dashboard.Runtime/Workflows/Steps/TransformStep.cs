namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>
/// <c>transform</c>: renders <c>template</c> (any JSON; every string in it is a template) into the step's output,
/// and into <c>vars.&lt;variable&gt;</c> when <c>variable</c> is set.
/// </summary>
public sealed class TransformStep : IStepHandler
{
    public string Type => "transform";

    public static void Validate(StepValidation v)
    {
        v.Known("template", "variable");
        if (!v.Has("template"))
        {
            v.Error("template", "Required.");
        }

        v.Templates("template");
        if (v.TemplateString("variable", required: false) is { } variable && !Definitions.DefinitionRules.NamePattern.IsMatch(variable))
        {
            v.Error("variable", "Variable names use lowercase letters, digits, '_' and '-'.");
        }
    }

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var output = context.Render("template");
        if (Expressions.JsonValues.AsString(context.Settings["variable"]) is { Length: > 0 } variable)
        {
            context.Scope.Variables[variable] = output?.DeepClone();
        }

        return Task.FromResult(StepOutcome.Continue(null, output));
    }
}
