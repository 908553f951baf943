using System.Text.Json.Nodes;
using Dashboard.Runtime.Definitions;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary><c>set</c>: assigns each of <c>variables</c> (name → template) to <c>vars</c>; later steps see them.</summary>
public sealed class SetStep : IStepHandler
{
    public string Type => "set";

    public static void Validate(StepValidation v)
    {
        v.Known("variables");
        if (v.Object("variables", required: true) is { } variables)
        {
            if (variables.Count == 0)
            {
                v.Error("variables", "Assign at least one variable.");
            }

            foreach (var (name, _) in variables)
            {
                if (!DefinitionRules.NamePattern.IsMatch(name) || name.Contains('.', StringComparison.Ordinal))
                {
                    v.Error($"variables.{name}", "Variable names use lowercase letters, digits, '_' and '-'.");
                }
            }

            v.Templates("variables");
        }
    }

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var assigned = (JsonObject)context.Render("variables")!;
        foreach (var (name, value) in assigned)
        {
            context.Scope.Variables[name] = value?.DeepClone();
        }

        return Task.FromResult(StepOutcome.Continue(assigned.DeepClone(), assigned));
    }
}
