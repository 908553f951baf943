using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

/// <summary><c>contains</c> with its <c>minContains</c> / <c>maxContains</c>.</summary>
internal sealed class ContainsKeyword : Keyword
{
    private readonly SchemaNode _schema;
    private readonly long _min;
    private readonly long? _max;

    public ContainsKeyword(string schemaPath, SchemaNode schema, long min, long? max)
        : base(schemaPath)
    {
        _schema = schema;
        _min = min;
        _max = max;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Array)
        {
            return true;
        }

        var matches = 0L;
        var index = -1;
        var errors = context.SuspendErrors();
        foreach (var item in instance.EnumerateArray())
        {
            index++;
            if (_schema.Evaluate(item, context, null))
            {
                matches++;
                tracker?.MarkItem(index);
                if (tracker is null && _max is null && matches >= _min)
                {
                    break;
                }
            }
        }

        context.ResumeErrors(errors);
        var ok = matches >= _min && (_max is null || matches <= _max);
        if (!ok && context.Collecting)
        {
            var message = matches < _min
                ? $"array must contain at least {_min} matching item(s) but contains {matches}"
                : $"array must contain at most {_max} matching item(s) but contains {matches}";
            context.AddError(SchemaPath, "contains", message);
        }

        return ok;
    }
}
