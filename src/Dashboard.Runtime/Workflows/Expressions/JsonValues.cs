using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.Expressions;

/// <summary>Comparison, truthiness and text conversion over JSON values (null is JSON null).</summary>
internal static class JsonValues
{
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();

    public static bool TryNumber(JsonNode? node, out decimal number)
    {
        number = 0;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetValue(out number))
        {
            return true;
        }

        if (value.TryGetValue(out double d))
        {
            number = (decimal)d;
            return true;
        }

        if (value.TryGetValue(out long l))
        {
            number = l;
            return true;
        }

        if (value.TryGetValue(out int n))
        {
            number = n;
            return true;
        }

        return decimal.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out number);
    }

    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "null",
        },
    };

    public static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonObject or JsonArray => true,
        _ when node.GetValueKind() is JsonValueKind.False or JsonValueKind.Null => false,
        _ when node.GetValueKind() == JsonValueKind.True => true,
        _ when TryNumber(node, out var n) => n != 0,
        _ => AsString(node) is { Length: > 0 },
    };

    public static bool Equal(JsonNode? left, JsonNode? right)
    {
        if (TryNumber(left, out var a) && TryNumber(right, out var b))
        {
            return a == b;
        }

        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return JsonNode.DeepEquals(left, right);
    }

    /// <summary>Orders two numbers or two strings; anything else is an error the caller reports with a position.</summary>
    public static int? Compare(JsonNode? left, JsonNode? right)
    {
        if (TryNumber(left, out var a) && TryNumber(right, out var b))
        {
            return a.CompareTo(b);
        }

        if (AsString(left) is { } s && AsString(right) is { } t)
        {
            return string.CompareOrdinal(s, t);
        }

        return null;
    }

    /// <summary>The text a value contributes to an interpolated string: strings raw, null empty, anything else as JSON.</summary>
    public static string ToText(JsonNode? node) => node switch
    {
        null => "",
        _ when AsString(node) is { } s => s,
        _ => node.ToJsonString(),
    };
}
