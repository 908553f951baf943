using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class PatternKeyword : Keyword
{
    private readonly Regex _regex;
    private readonly string _pattern;

    public PatternKeyword(string schemaPath, string pattern, Regex regex)
        : base(schemaPath)
    {
        _pattern = pattern;
        _regex = regex;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        var ok = SafeIsMatch(_regex, instance.GetString()!, out var timedOut);
        if (!ok && context.Collecting)
        {
            var message = timedOut
                ? $"string could not be checked against pattern '{_pattern}' in time"
                : $"string does not match pattern '{_pattern}'";
            context.AddError(SchemaPath, "pattern", message);
        }

        return ok;
    }

    internal static bool SafeIsMatch(Regex regex, string text, out bool timedOut)
    {
        try
        {
            timedOut = false;
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            timedOut = true;
            return false;
        }
    }
}
