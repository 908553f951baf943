using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

/// <summary><c>items</c> (after any prefixItems) and <c>unevaluatedItems</c>.</summary>
internal sealed class ItemsKeyword : Keyword
{
    private readonly SchemaNode _schema;
    private readonly int _skip;
    private readonly bool _unevaluated;

    public ItemsKeyword(string schemaPath, SchemaNode schema, int skip, bool unevaluated)
        : base(schemaPath)
    {
        _schema = schema;
        _skip = skip;
        _unevaluated = unevaluated;
    }

    public override bool RunsLast => _unevaluated;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var valid = true;
        var index = -1;
        foreach (var item in instance.EnumerateArray())
        {
            index++;
            if (index < _skip || (_unevaluated && tracker is not null && tracker.IsItemEvaluated(index)))
            {
                continue;
            }

            context.PushIndex(index);
            var ok = _schema.Evaluate(item, context, null);
            context.Pop();
            if (!ok)
            {
                valid = false;
                if (!context.Collecting)
                {
                    return false;
                }
            }
        }

        tracker?.MarkAllItems();
        return valid;
    }
}
