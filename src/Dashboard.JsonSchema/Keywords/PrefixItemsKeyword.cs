using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class PrefixItemsKeyword : Keyword
{
    private readonly SchemaNode[] _items;

    public PrefixItemsKeyword(string schemaPath, SchemaNode[] items)
        : base(schemaPath)
    {
        _items = items;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var valid = true;
        var index = 0;
        foreach (var item in instance.EnumerateArray())
        {
            if (index >= _items.Length)
            {
                break;
            }

            context.PushIndex(index);
            var ok = _items[index].Evaluate(item, context, null);
            context.Pop();
            index++;
            if (!ok)
            {
                valid = false;
                if (!context.Collecting)
                {
                    return false;
                }
            }
        }

        tracker?.MarkPrefix(index);
        return valid;
    }
}
