using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class AnyOfKeyword : Keyword
{
    private readonly SchemaNode[] _schemas;

    public AnyOfKeyword(string schemaPath, SchemaNode[] schemas)
        : base(schemaPath)
    {
        _schemas = schemas;
    }

    public override IEnumerable<SchemaNode> InPlaceChildren => _schemas;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        var mark = context.ErrorCount;
        var valid = false;
        foreach (var schema in _schemas)
        {
            if (schema.Evaluate(instance, context, tracker))
            {
                valid = true;
                if (tracker is null)
                {
                    break;
                }
            }
        }

        if (valid)
        {
            context.TruncateErrors(mark);
        }
        else
        {
            context.AddError(SchemaPath, "anyOf", "value does not match any of the anyOf schemas");
        }

        return valid;
    }
}
