using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class UniqueItemsKeyword : Keyword
{
    public UniqueItemsKeyword(string schemaPath)
        : base(schemaPath)
    {
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var items = new List<JsonElement>(instance.GetArrayLength());
        foreach (var item in instance.EnumerateArray())
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (JsonValues.DeepEquals(items[i], item))
                {
                    if (context.Collecting)
                    {
                        context.AddError(SchemaPath, "uniqueItems", $"array items at index {i} and {items.Count} are equal");
                    }

                    return false;
                }
            }

            items.Add(item);
        }

        return true;
    }
}
