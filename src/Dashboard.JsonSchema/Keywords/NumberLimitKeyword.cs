using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

/// <summary>maximum, exclusiveMaximum, minimum and exclusiveMinimum.</summary>
internal sealed class NumberLimitKeyword : Keyword
{
    private readonly string _name;
    private readonly NumberLimit _limit;

    public NumberLimitKeyword(string schemaPath, string name, NumberLimit limit)
        : base(schemaPath)
    {
        _name = name;
        _limit = limit;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        var comparison = JsonValues.Compare(instance, _limit);
        var (ok, relation) = _name switch
        {
            "maximum" => (comparison <= 0, "greater than the maximum"),
            "exclusiveMaximum" => (comparison < 0, "not less than the exclusive maximum"),
            "minimum" => (comparison >= 0, "less than the minimum"),
            _ => (comparison > 0, "not greater than the exclusive minimum"),
        };
        if (!ok && context.Collecting)
        {
            context.AddError(SchemaPath, _name, $"value {instance.GetRawText()} is {relation} {_limit.Text}");
        }

        return ok;
    }
}
