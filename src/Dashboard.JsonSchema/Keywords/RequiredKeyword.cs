using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class RequiredKeyword : Keyword
{
    private readonly string[] _names;

    public RequiredKeyword(string schemaPath, string[] names)
        : base(schemaPath)
    {
        _names = names;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var name in _names)
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

            context.AddError(SchemaPath, "required", $"required property '{name}' is missing");
        }

        return valid;
    }
}
