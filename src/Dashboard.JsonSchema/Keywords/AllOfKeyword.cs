using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class AllOfKeyword : Keyword
{
    private readonly SchemaNode[] _schemas;

    public AllOfKeyword(string schemaPath, SchemaNode[] schemas)
        : base(schemaPath)
    {
        _schemas = schemas;
    }

    public override IEnumerable<SchemaNode> InPlaceChildren => _schemas;

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        var valid = true;
        foreach (var schema in _schemas)
        {
            if (!schema.Evaluate(instance, context, tracker))
            {
                valid = false;
                if (!context.Collecting)
                {
                    return false;
                }
            }
        }

        return valid;
    }
}
