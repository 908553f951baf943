using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class DependentRequiredKeyword : Keyword
{
    private readonly (string Trigger, string[] Names)[] _dependencies;

    public DependentRequiredKeyword(string schemaPath, (string Trigger, string[] Names)[] dependencies)
        : base(schemaPath)
    {
        _dependencies = dependencies;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var (trigger, names) in _dependencies)
        {
            if (!instance.TryGetProperty(trigger, out _))
            {
                continue;
            }

            foreach (var name in names)
            {
                if (instance.TryGetProperty(name, out _))
                {
                    continue;
                }

                valid = false;
                if (!context.Collecting)
                {
                    return false;
                }

                context.AddError(SchemaPath, "dependentRequired", $"property '{name}' is required when '{trigger}' is present");
            }
        }

        return valid;
    }
}
