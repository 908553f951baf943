using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

/// <summary>minItems, maxItems, minProperties and maxProperties.</summary>
internal sealed class CountKeyword : Keyword
{
    private readonly string _name;
    private readonly long _limit;

    public CountKeyword(string schemaPath, string name, long limit)
        : base(schemaPath)
    {
        _name = name;
        _limit = limit;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        var isItems = _name.EndsWith("Items", StringComparison.Ordinal);
        long count;
        if (isItems && instance.ValueKind == JsonValueKind.Array)
        {
            count = instance.GetArrayLength();
        }
        else if (!isItems && instance.ValueKind == JsonValueKind.Object)
        {
            count = 0;
            foreach (var unused in instance.EnumerateObject())
            {
                count++;
            }
        }
        else
        {
            return true;
        }

        var isMax = _name.StartsWith("max", StringComparison.Ordinal);
        var ok = isMax ? count <= _limit : count >= _limit;
        if (!ok && context.Collecting)
        {
            var what = isItems ? "array" : "object";
            var unit = isItems ? "items" : "properties";
            var bound = isMax ? "at most" : "at least";
            context.AddError(SchemaPath, _name, $"{what} must have {bound} {_limit} {unit} but has {count}");
        }

        return ok;
    }
}
