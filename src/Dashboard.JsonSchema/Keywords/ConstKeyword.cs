using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class ConstKeyword : Keyword
{
    private readonly JsonElement _value;

    public ConstKeyword(string schemaPath, JsonElement value)
        : base(schemaPath)
    {
        _value = value;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        var ok = JsonValues.DeepEquals(instance, _value);
        if (!ok && context.Collecting)
        {
            context.AddError(SchemaPath, "const", $"value must be {_value.GetRawText()}");
        }

        return ok;
    }
}
