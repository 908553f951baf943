using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

/// <summary>minLength and maxLength, counted in Unicode code points.</summary>
internal sealed class LengthKeyword : Keyword
{
    private readonly bool _isMax;
    private readonly long _limit;

    public LengthKeyword(string schemaPath, bool isMax, long limit)
        : base(schemaPath)
    {
        _isMax = isMax;
        _limit = limit;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        var length = CodePoints(instance.GetString()!);
        var ok = _isMax ? length <= _limit : length >= _limit;
        if (!ok && context.Collecting)
        {
            var message = _isMax
                ? $"string must have at most {_limit} characters but has {length}"
                : $"string must have at least {_limit} characters but has {length}";
            context.AddError(SchemaPath, _isMax ? "maxLength" : "minLength", message);
        }

        return ok;
    }

    internal static int CodePoints(string text)
    {
        var count = text.Length;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }
}
