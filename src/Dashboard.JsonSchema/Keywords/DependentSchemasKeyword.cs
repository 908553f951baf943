using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class DependentSchemasKeyword : Keyword
{
    private readonly (string Trigger, SchemaNode Schema)[] _dependencies;

    public DependentSchemasKeyword(string schemaPath, (string Trigger, SchemaNode Schema)[] dependencies)
        : base(schemaPath)
    {
        _dependencies = dependencies;
    }

    public override IEnumerable<SchemaNode> InPlaceChildren => _dependencies.Select(d => d.Schema);

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object)
        {
            return true;
        }

        var valid = true;
        foreach (var (trigger, schema) in _dependencies)
        {
            if (instance.TryGetProperty(trigger, out _) && !schema.Evaluate(instance, context, tracker))
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
