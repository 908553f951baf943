using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class EnumKeyword : Keyword
{
    private readonly JsonElement[] _values;
    private readonly HashSet<string>? _strings;
    private readonly string _display;

    public EnumKeyword(string schemaPath, JsonElement values)
        : base(schemaPath)
    {
        _values = values.EnumerateArray().ToArray();
        if (_values.All(v => v.ValueKind == JsonValueKind.String))
        {
            _strings = new HashSet<string>(_values.Select(v => v.GetString()!), StringComparer.Ordinal);
        }

        var shown = string.Join(", ", _values.Take(10).Select(v => v.GetRawText()));
        _display = _values.Length > 10 ? shown + ", ..." : shown;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        bool ok;
        if (_strings is not null)
        {
            ok = instance.ValueKind == JsonValueKind.String && _strings.Contains(instance.GetString()!);
        }
        else
        {
            ok = false;
            foreach (var value in _values)
            {
                if (JsonValues.DeepEquals(instance, value))
                {
                    ok = true;
                    break;
                }
            }
        }

        if (!ok && context.Collecting)
        {
            context.AddError(SchemaPath, "enum", $"value must be one of [{_display}]");
        }

        return ok;
    }
}
