using System.Text.Json;
using System.Text.RegularExpressions;
using Dashboard.JsonSchema.Keywords;

namespace Dashboard.JsonSchema.Compilation;

/// <summary>Keywords whose meaning depends on sibling keywords of the same schema object.</summary>
internal sealed partial class SchemaCompiler
{
    private ItemsKeyword? CompileItems(JsonElement value, JsonElement schema, string pointer, string path)
    {
        var items = Schema(value, pointer, "items");
        if (items is null)
        {
            return null;
        }

        var skip = schema.TryGetProperty("prefixItems", out var prefix) && prefix.ValueKind == JsonValueKind.Array
            ? prefix.GetArrayLength()
            : 0;
        return new ItemsKeyword(path, items, skip, unevaluated: false);
    }

    private ContainsKeyword? CompileContains(JsonElement value, JsonElement schema, string pointer, string path)
    {
        var contains = Schema(value, pointer, "contains");
        if (contains is null)
        {
            return null;
        }

        var min = schema.TryGetProperty("minContains", out var minValue) && minValue.ValueKind == JsonValueKind.Number
            && minValue.TryGetDecimal(out var m) && m >= 0 ? (long)Math.Min(m, long.MaxValue) : 1;
        long? max = schema.TryGetProperty("maxContains", out var maxValue) && maxValue.ValueKind == JsonValueKind.Number
            && maxValue.TryGetDecimal(out var x) && x >= 0 ? (long)Math.Min(x, long.MaxValue) : null;
        return new ContainsKeyword(path, contains, min, max);
    }

    private PatternPropertiesKeyword? CompilePatternProperties(JsonElement value, string pointer, string path)
    {
        var map = SchemaMap(value, pointer, "patternProperties");
        if (map is null)
        {
            return null;
        }

        var patterns = new List<(Regex, Evaluation.SchemaNode)>();
        foreach (var (name, node) in map)
        {
            if (GetRegex(name, SchemaKeywords.Location(pointer, "patternProperties") + "/" + JsonPointer.Escape(name)) is { } regex)
            {
                patterns.Add((regex, node));
            }
        }

        return new PatternPropertiesKeyword(path, patterns.ToArray());
    }

    private AdditionalPropertiesKeyword? CompileAdditionalProperties(JsonElement value, JsonElement schema, string pointer, string path)
    {
        var additional = Schema(value, pointer, "additionalProperties");
        if (additional is null)
        {
            return null;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            known.UnionWith(properties.EnumerateObject().Select(p => p.Name));
        }

        var patterns = new List<Regex>();
        if (schema.TryGetProperty("patternProperties", out var patternProperties) && patternProperties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in patternProperties.EnumerateObject())
            {
                if (GetRegex(property.Name, path) is { } regex)
                {
                    patterns.Add(regex);
                }
            }
        }

        return new AdditionalPropertiesKeyword(path, additional, known, patterns.ToArray(), unevaluated: false);
    }

    private DependentRequiredKeyword? CompileDependentRequired(JsonElement value, string pointer, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Fail(pointer, "dependentRequired", "'dependentRequired' must be an object whose values are arrays of strings");
            return null;
        }

        var dependencies = new List<(string, string[])>();
        foreach (var property in value.EnumerateObject())
        {
            var at = SchemaKeywords.Child(pointer, "dependentRequired");
            if (TryUniqueStrings(property.Value, at, property.Name, out var names))
            {
                dependencies.Add((property.Name, names));
            }
        }

        return new DependentRequiredKeyword(path, dependencies.ToArray());
    }

    private static bool IsSchema(JsonElement value) =>
        value.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False;

    private IfThenElseKeyword? CompileIf(JsonElement value, JsonElement schema, string pointer, string path)
    {
        var condition = Schema(value, pointer, "if");
        if (condition is null)
        {
            return null;
        }

        // "then" and "else" report their own errors; here they are only linked.
        var then = schema.TryGetProperty("then", out var thenValue) && IsSchema(thenValue) ? CompileChild(pointer, "then", thenValue) : null;
        var otherwise = schema.TryGetProperty("else", out var elseValue) && IsSchema(elseValue) ? CompileChild(pointer, "else", elseValue) : null;
        return new IfThenElseKeyword(path, condition, then, otherwise);
    }
}
