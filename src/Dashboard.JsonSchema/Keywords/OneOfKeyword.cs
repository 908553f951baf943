using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class OneOfKeyword : Keyword
{
    private readonly SchemaNode[] _schemas;

    public OneOfKeyword(string schemaPath, SchemaNode[] schemas)
        : base(schemaPath)
    {
        _schemas = schemas;
    }

    public override IEnumerable<SchemaNode> InPlaceChildren => _schemas;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        var mark = context.ErrorCount;
        var first = -1;
        var second = -1;
        for (var i = 0; i < _schemas.Length && second < 0; i++)
        {
            if (_schemas[i].Evaluate(instance, context, tracker))
            {
                if (first < 0)
                {
                    first = i;
                }
                else
                {
                    second = i;
                }
            }
        }

        if (first >= 0 && second < 0)
        {
            context.TruncateErrors(mark);
            return true;
        }

        if (second >= 0)
        {
            context.TruncateErrors(mark);
            context.AddError(SchemaPath, "oneOf", $"value matches the oneOf schemas at index {first} and {second} but must match exactly one");
        }
        else
        {
            context.AddError(SchemaPath, "oneOf", "value does not match any of the oneOf schemas");
        }

        return false;
    }
}
