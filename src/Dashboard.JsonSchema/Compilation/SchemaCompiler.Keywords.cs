using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;
using Dashboard.JsonSchema.Formats;
using Dashboard.JsonSchema.Keywords;

namespace Dashboard.JsonSchema.Compilation;

internal sealed partial class SchemaCompiler
{
    private void AddKeyword(string name, JsonElement value, JsonElement schema, string pointer, List<Keyword> keywords)
    {
        var path = SchemaKeywords.Location(pointer, name);
        Keyword? keyword = name switch
        {
            "type" => CompileType(value, pointer),
            "enum" => value.ValueKind == JsonValueKind.Array ? new EnumKeyword(path, value) : Invalid(pointer, name, "'enum' must be an array"),
            "const" => new ConstKeyword(path, value),
            "multipleOf" => TryNumber(value, pointer, name, out var divisor)
                ? (divisor.Double > 0 ? new MultipleOfKeyword(path, divisor) : Invalid(pointer, name, "'multipleOf' must be greater than 0"))
                : null,
            "maximum" or "exclusiveMaximum" or "minimum" or "exclusiveMinimum" =>
                TryNumber(value, pointer, name, out var limit) ? new NumberLimitKeyword(path, name, limit) : null,
            "maxLength" or "minLength" => TryCount(value, pointer, name, out var length) ? new LengthKeyword(path, name == "maxLength", length) : null,
            "pattern" => CompilePattern(value, pointer, path),
            "format" => CompileFormat(value, pointer, path),
            "maxItems" or "minItems" or "maxProperties" or "minProperties" =>
                TryCount(value, pointer, name, out var count) ? new CountKeyword(path, name, count) : null,
            "minContains" or "maxContains" => Ignore(TryCount(value, pointer, name, out _)),
            "uniqueItems" => value.ValueKind is JsonValueKind.True ? new UniqueItemsKeyword(path)
                : value.ValueKind is JsonValueKind.False ? null : Invalid(pointer, name, "'uniqueItems' must be a boolean"),
            "items" => CompileItems(value, schema, pointer, path),
            "prefixItems" => SchemaArray(value, pointer, name) is { } prefix ? new PrefixItemsKeyword(path, prefix) : null,
            "contains" => CompileContains(value, schema, pointer, path),
            "unevaluatedItems" => Schema(value, pointer, name) is { } rest ? new ItemsKeyword(path, rest, 0, unevaluated: true) : null,
            "properties" => SchemaMap(value, pointer, name) is { } map ? new PropertiesKeyword(path, map.ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal)) : null,
            "patternProperties" => CompilePatternProperties(value, pointer, path),
            "additionalProperties" => CompileAdditionalProperties(value, schema, pointer, path),
            "unevaluatedProperties" => Schema(value, pointer, name) is { } other
                ? new AdditionalPropertiesKeyword(path, other, [], [], unevaluated: true) : null,
            "required" => TryUniqueStrings(value, pointer, name, out var required) && required.Length > 0 ? new RequiredKeyword(path, required) : null,
            "dependentRequired" => CompileDependentRequired(value, pointer, path),
            "dependentSchemas" => SchemaMap(value, pointer, name) is { } deps ? new DependentSchemasKeyword(path, deps) : null,
            "propertyNames" => Schema(value, pointer, name) is { } names ? new PropertyNamesKeyword(path, names) : null,
            "if" => CompileIf(value, schema, pointer, path),
            "then" or "else" => Ignore(Schema(value, pointer, name)),
            "allOf" => SchemaArray(value, pointer, name) is { } all ? new AllOfKeyword(path, all) : null,
            "anyOf" => SchemaArray(value, pointer, name) is { } any ? new AnyOfKeyword(path, any) : null,
            "oneOf" => SchemaArray(value, pointer, name) is { } one ? new OneOfKeyword(path, one) : null,
            "not" => Schema(value, pointer, name) is { } not ? new NotKeyword(path, not) : null,
            "$ref" or "$dynamicRef" => CompileRef(name, value, pointer),
            "$defs" or "definitions" => Ignore(SchemaMap(value, pointer, name)),
            "$schema" or "$comment" => Ignore(TryString(value, pointer, name, out _)),
            _ => null,
        };
        if (keyword is not null)
        {
            keywords.Add(keyword);
        }
    }

    /// <summary>For keywords that are only checked (or compiled as ref targets) but add no validation of their own.</summary>
    private static Keyword? Ignore<T>(T checkedValue) => null;

    private Keyword? Invalid(string pointer, string keyword, string message)
    {
        Fail(pointer, keyword, message);
        return null;
    }

    private TypeKeyword? CompileType(JsonElement value, string pointer)
    {
        var names = value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) =>
                value.EnumerateArray().Select(v => v.GetString()!).ToList(),
            _ => null,
        };
        if (names is null || names.Count == 0)
        {
            Fail(pointer, "type", "'type' must be a type name or a non-empty array of type names");
            return null;
        }

        var types = JsonTypes.None;
        foreach (var name in names)
        {
            var type = TypeKeyword.Parse(name);
            if (type == JsonTypes.None)
            {
                Fail(pointer, "type", $"unknown type '{name}' (expected null, boolean, object, array, number, string or integer)");
                return null;
            }

            types |= type;
        }

        return new TypeKeyword(SchemaKeywords.Location(pointer, "type"), types, names);
    }

    private PatternKeyword? CompilePattern(JsonElement value, string pointer, string path)
    {
        if (!TryString(value, pointer, "pattern", out var pattern))
        {
            return null;
        }

        var regex = GetRegex(pattern, path);
        return regex is null ? null : new PatternKeyword(path, pattern, regex);
    }

    private FormatKeyword? CompileFormat(JsonElement value, string pointer, string path)
    {
        if (!TryString(value, pointer, "format", out var format) || !_options.AssertFormat)
        {
            return null;
        }

        var check = FormatCheckers.Find(format);
        return check is null ? null : new FormatKeyword(path, format, check);
    }
}
