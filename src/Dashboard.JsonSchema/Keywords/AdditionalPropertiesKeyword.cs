using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

/// <summary>
/// <c>additionalProperties</c> (properties not named by sibling properties / patternProperties) and
/// <c>unevaluatedProperties</c> (properties no successful subschema evaluated).
/// </summary>
internal sealed class AdditionalPropertiesKeyword : Keyword
{
    private readonly SchemaNode _schema;
    private readonly HashSet<string> _known;
    private readonly Regex[] _patterns;
    private readonly bool _unevaluated;

    public AdditionalPropertiesKeyword(string schemaPath, SchemaNode schema, HashSet<string> known, Regex[] patterns, bool unevaluated)
        : base(schemaPath)
    {
        _schema = schema;
        _known = known;
        _patterns = patterns;
        _unevaluated = unevaluated;
    }

    public override bool RunsLast => _unevaluated;

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
            if (IsCovered(name, tracker))
            {
                continue;
            }

            context.PushProperty(name);
            var ok = Check(property.Value, name, context);
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

        tracker?.MarkAllProperties();
        return valid;
    }

    private bool IsCovered(string name, EvaluatedTracker? tracker)
    {
        if (_unevaluated)
        {
            return tracker is not null && tracker.IsPropertyEvaluated(name);
        }

        if (_known.Contains(name))
        {
            return true;
        }

        foreach (var regex in _patterns)
        {
            if (PatternKeyword.SafeIsMatch(regex, name, out _))
            {
                return true;
            }
        }

        return false;
    }

    private bool Check(JsonElement value, string name, EvaluationContext context)
    {
        if (_schema.BooleanValue == false)
        {
            var keyword = _unevaluated ? "unevaluatedProperties" : "additionalProperties";
            var kind = _unevaluated ? "unevaluated" : "additional";
            context.AddError(SchemaPath, keyword, $"{kind} property '{name}' is not allowed");
            return false;
        }

        return _schema.Evaluate(value, context, null);
    }
}
