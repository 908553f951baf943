using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class PropertyNamesKeyword : Keyword
{
    private readonly SchemaNode _schema;

    public PropertyNamesKeyword(string schemaPath, SchemaNode schema)
        : base(schemaPath)
    {
        _schema = schema;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            var name = property.Name;
            var mark = context.ErrorCount;
            if (_schema.Evaluate(JsonSerializer.SerializeToElement(name), context, null))
            {
                continue;
            }

            valid = false;
            if (!context.Collecting)
            {
                return false;
            }

            context.RewriteErrors(mark, e => e with { Message = $"property name '{name}': {e.Message}" });
        }

        return valid;
    }
}
