using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

/// <summary>An asserted <c>format</c> (only compiled when format assertion is on and the format is known).</summary>
internal sealed class FormatKeyword : Keyword
{
    private readonly string _format;
    private readonly Func<string, bool> _check;

    public FormatKeyword(string schemaPath, string format, Func<string, bool> check)
        : base(schemaPath)
    {
        _format = format;
        _check = check;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        var ok = _check(instance.GetString()!);
        if (!ok && context.Collecting)
        {
            context.AddError(SchemaPath, "format", $"string is not a valid {_format}");
        }

        return ok;
    }
}
