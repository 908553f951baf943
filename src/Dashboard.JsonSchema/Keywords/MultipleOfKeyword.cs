using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

internal sealed class MultipleOfKeyword : Keyword
{
    private readonly NumberLimit _divisor;

    public MultipleOfKeyword(string schemaPath, NumberLimit divisor)
        : base(schemaPath)
    {
        _divisor = divisor;
    }

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        if (instance.ValueKind != JsonValueKind.Number)
        {
            return true;
        }

        var ok = IsMultiple(instance);
        if (!ok && context.Collecting)
        {
            context.AddError(SchemaPath, "multipleOf", $"value {instance.GetRawText()} is not a multiple of {_divisor.Text}");
        }

        return ok;
    }

    private bool IsMultiple(JsonElement instance)
    {
        if (_divisor.Decimal is decimal divisor && instance.TryGetDecimal(out var value))
        {
            try
            {
                return value % divisor == 0m;
            }
            catch (OverflowException)
            {
                // fall back to double arithmetic below
            }
        }

        var quotient = JsonValues.ToDouble(instance) / _divisor.Double;
        return double.IsFinite(quotient) && Math.Floor(quotient) == quotient;
    }
}
