using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class PropertiesKeyword : Keyword
{
    private readonly Dictionary<string, SchemaNode> _properties;

    public PropertiesKeyword(string schemaPath, Dictionary<string, SchemaNode> properties)
        : base(schemaPath)
    {
        _properties = properties;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Object || _properties.Count == 0)
        {
            return true;
        }

        var valid = true;
        foreach (var property in instance.EnumerateObject())
        {
            var name = property.Name;
            if (!_properties.TryGetValue(name, out var schema))
            {
                continue;
            }

            tracker?.MarkProperty(name);
            if (!context.EvaluateProperty(schema, property))
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
