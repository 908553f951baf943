using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Compilation;

/// <summary>Checks the type of keyword values and reports every mismatch with its location.</summary>
internal sealed partial class SchemaCompiler
{
    private bool Fail(string pointer, string keyword, string message)
    {
        _errors.Add(new SchemaError(SchemaKeywords.Location(pointer, keyword), message));
        return false;
    }

    private bool TryCount(JsonElement value, string pointer, string keyword, out long count)
    {
        count = 0;
        if (value.ValueKind == JsonValueKind.Number && JsonValues.IsInteger(value) && value.TryGetDecimal(out var d) && d >= 0)
        {
            count = d > long.MaxValue ? long.MaxValue : (long)d;
            return true;
        }

        return Fail(pointer, keyword, $"'{keyword}' must be a non-negative integer");
    }

    private bool TryNumber(JsonElement value, string pointer, string keyword, out NumberLimit number)
    {
        number = default;
        if (value.ValueKind != JsonValueKind.Number)
        {
            return Fail(pointer, keyword, $"'{keyword}' must be a number");
        }

        number = NumberLimit.From(value);
        return true;
    }

    private bool TryString(JsonElement value, string pointer, string keyword, out string text)
    {
        text = value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        return value.ValueKind == JsonValueKind.String || Fail(pointer, keyword, $"'{keyword}' must be a string");
    }

    private bool TryUniqueStrings(JsonElement value, string pointer, string keyword, out string[] names)
    {
        names = [];
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            return Fail(pointer, keyword, $"'{keyword}' must be an array of strings");
        }

        names = value.EnumerateArray().Select(v => v.GetString()!).ToArray();
        return names.Distinct(StringComparer.Ordinal).Count() == names.Length
            || Fail(pointer, keyword, $"'{keyword}' must not contain duplicates");
    }

    private SchemaNode[]? SchemaArray(JsonElement value, string pointer, string keyword)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            Fail(pointer, keyword, $"'{keyword}' must be a non-empty array of schemas");
            return null;
        }

        var at = SchemaKeywords.Child(pointer, keyword);
        return value.EnumerateArray().Select((item, i) => CompileNode(item, at + "/" + i)).ToArray();
    }

    private (string Name, SchemaNode Schema)[]? SchemaMap(JsonElement value, string pointer, string keyword)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(pointer, keyword, $"'{keyword}' must be an object whose values are schemas");
            return null;
        }

        var at = SchemaKeywords.Child(pointer, keyword);
        return value.EnumerateObject()
            .Select(p => (p.Name, CompileNode(p.Value, SchemaKeywords.Child(at, p.Name))))
            .ToArray();
    }

    private SchemaNode? Schema(JsonElement value, string pointer, string keyword)
    {
        if (value.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
        {
            var hint = keyword == "items" && value.ValueKind == JsonValueKind.Array ? " (use 'prefixItems' for tuples)" : string.Empty;
            Fail(pointer, keyword, $"'{keyword}' must be a schema (an object or a boolean){hint}");
            return null;
        }

        return CompileChild(pointer, keyword, value);
    }
}
