using System.Text.Json;

namespace Dashboard.JsonSchema.Evaluation;

/// <summary>Number handling and structural equality for JSON values (1 equals 1.0).</summary>
internal static class JsonValues
{
    public static bool IsInteger(JsonElement number)
    {
        if (number.TryGetDecimal(out var d))
        {
            return decimal.Truncate(d) == d;
        }

        if (number.TryGetDouble(out var x))
        {
            return double.IsFinite(x) && Math.Floor(x) == x;
        }

        // Outside the range of double: only huge magnitudes fail to parse, and those are integral.
        return true;
    }

    public static double ToDouble(JsonElement number) =>
        number.TryGetDouble(out var x) ? x : (number.GetRawText().StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity);

    /// <summary>Compares a JSON number with a limit; exact for decimals, double otherwise.</summary>
    public static int Compare(JsonElement number, NumberLimit limit)
    {
        if (limit.Decimal is decimal l && number.TryGetDecimal(out var d))
        {
            return d.CompareTo(l);
        }

        return ToDouble(number).CompareTo(limit.Double);
    }

    public static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => IsInteger(value) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    public static bool DeepEquals(JsonElement a, JsonElement b)
    {
        var kindA = Normalize(a.ValueKind);
        if (kindA != Normalize(b.ValueKind))
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return NumbersEqual(a, b);
            case JsonValueKind.String:
                return a.ValueEquals(b.GetString());
            case JsonValueKind.True or JsonValueKind.False:
                return a.ValueKind == b.ValueKind;
            case JsonValueKind.Array:
                return ArraysEqual(a, b);
            case JsonValueKind.Object:
                return ObjectsEqual(a, b);
            default:
                return true;
        }
    }

    private static JsonValueKind Normalize(JsonValueKind kind) => kind == JsonValueKind.False ? JsonValueKind.True : kind;

    private static bool NumbersEqual(JsonElement a, JsonElement b)
    {
        if (a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y))
        {
            return x == y;
        }

        return ToDouble(a).Equals(ToDouble(b));
    }

    private static bool ArraysEqual(JsonElement a, JsonElement b)
    {
        if (a.GetArrayLength() != b.GetArrayLength())
        {
            return false;
        }

        using var left = a.EnumerateArray();
        using var right = b.EnumerateArray();
        while (left.MoveNext() && right.MoveNext())
        {
            if (!DeepEquals(left.Current, right.Current))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ObjectsEqual(JsonElement a, JsonElement b)
    {
        var count = 0;
        foreach (var property in a.EnumerateObject())
        {
            count++;
            if (!b.TryGetProperty(property.Name, out var other) || !DeepEquals(property.Value, other))
            {
                return false;
            }
        }

        return count == b.EnumerateObject().Count();
    }
}

/// <summary>A numeric keyword value, kept as decimal when exact and as double always.</summary>
internal readonly record struct NumberLimit(decimal? Decimal, double Double, string Text)
{
    public static NumberLimit From(JsonElement number) =>
        new(number.TryGetDecimal(out var d) ? d : null, JsonValues.ToDouble(number), number.GetRawText());
}
