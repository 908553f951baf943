using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class PatternPropertiesKeyword : Keyword
{
    private readonly (Regex Regex, SchemaNode Schema)[] _patterns;

    public PatternPropertiesKeyword(string schemaPath, (Regex Regex, SchemaNode Schema)[] patterns)
        : base(schemaPath)
    {
        _patterns = patterns;
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
            foreach (var (regex, schema) in _patterns)
            {
                if (!PatternKeyword.SafeIsMatch(regex, name, out _))
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
        }

        return valid;
    }
}
