using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.JsonSchema.Evaluation;
using Dashboard.JsonSchema.Keywords;

namespace Dashboard.JsonSchema.Examples;

/// <summary>Builds example values from compiled schema nodes, preferring explicit values and checking candidates.</summary>
internal sealed partial class ExampleBuilder
{
    private const int MaxDepth = 10;
    private readonly CompiledSchema _schema;

    public ExampleBuilder(CompiledSchema schema)
    {
        _schema = schema;
    }

    public JsonNode? BuildRoot() => Build(_schema.Root, 0, 0) ?? (_schema.Root.BooleanValue is null ? new JsonObject() : null);

    private JsonNode? Build(SchemaNode node, int depth, int variant)
    {
        if (depth > MaxDepth || node.BooleanValue is not null)
        {
            return null;
        }

        var parts = Collect(node);
        foreach (var candidate in ExplicitValues(parts))
        {
            if (Matches(node, candidate))
            {
                return candidate;
            }
        }

        var built = BuildFromParts(node, parts, depth, variant);
        if (built is not null || Matches(node, null))
        {
            return built;
        }

        return ExplicitValues(parts).FirstOrDefault();
    }

    private JsonNode? BuildFromParts(SchemaNode node, List<SchemaNode> parts, int depth, int variant)
    {
        var choice = First(parts, "oneOf") ?? First(parts, "anyOf");
        if (choice is { } c)
        {
            JsonNode? fallback = null;
            for (var i = 0; i < c.Value.GetArrayLength(); i++)
            {
                var branch = Collect(Node(c.Part, c.Keyword + "/" + i));
                var merged = parts.Concat(branch).Distinct().ToList();
                var candidate = BuildTyped(merged, depth, variant);
                fallback ??= candidate;
                if (Matches(node, candidate))
                {
                    return candidate;
                }
            }

            return fallback;
        }

        return BuildTyped(parts, depth, variant);
    }

    private JsonNode? BuildTyped(List<SchemaNode> parts, int depth, int variant)
    {
        foreach (var candidate in ExplicitValues(parts))
        {
            if (parts.All(p => p.BooleanValue is not null || Matches(p, candidate)))
            {
                return candidate;
            }
        }

        return TypeOf(parts) switch
        {
            "object" => BuildObject(parts, depth, variant),
            "array" => BuildArray(parts, depth, variant),
            "string" => BuildString(parts, variant),
            "integer" => BuildNumber(parts, integer: true, variant),
            "number" => BuildNumber(parts, integer: false, variant),
            "boolean" => JsonValue.Create(variant % 2 == 0),
            _ => null,
        };
    }

    private static string? TypeOf(List<SchemaNode> parts)
    {
        foreach (var part in parts)
        {
            if (part.Element.ValueKind == JsonValueKind.Object && part.Element.TryGetProperty("type", out var type))
            {
                return type.ValueKind == JsonValueKind.String
                    ? type.GetString()
                    : type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "null";
            }
        }

        bool HasAny(params string[] keywords) => parts.Any(p => keywords.Any(k => Has(p, k)));
        return HasAny("properties", "required", "additionalProperties", "patternProperties", "minProperties", "dependentRequired") ? "object"
            : HasAny("items", "prefixItems", "contains", "minItems", "uniqueItems") ? "array"
            : HasAny("minLength", "maxLength", "pattern", "format") ? "string"
            : HasAny("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf") ? "number"
            : null;
    }

    private IEnumerable<JsonNode?> ExplicitValues(List<SchemaNode> parts)
    {
        foreach (var part in parts.Where(p => p.Element.ValueKind == JsonValueKind.Object))
        {
            foreach (var keyword in new[] { "examples", "default", "const", "enum" })
            {
                if (!part.Element.TryGetProperty(keyword, out var values))
                {
                    continue;
                }

                var list = keyword is "examples" or "enum" && values.ValueKind == JsonValueKind.Array ? values.EnumerateArray().ToArray() : [values];
                foreach (var value in list)
                {
                    yield return JsonNode.Parse(value.GetRawText());
                }
            }
        }
    }

    /// <summary>The node plus everything it must also satisfy: $ref targets and allOf members.</summary>
    private List<SchemaNode> Collect(SchemaNode node)
    {
        var parts = new List<SchemaNode>();
        var pending = new Stack<SchemaNode>([node]);
        while (pending.Count > 0 && parts.Count < 64)
        {
            var current = pending.Pop();
            if (parts.Contains(current))
            {
                continue;
            }

            parts.Add(current);
            foreach (var keyword in current.Keywords.Reverse())
            {
                if (keyword is RefKeyword reference)
                {
                    pending.Push(reference.Target);
                }
                else if (keyword is AllOfKeyword)
                {
                    foreach (var member in keyword.InPlaceChildren.Reverse())
                    {
                        pending.Push(member);
                    }
                }
            }
        }

        return parts;
    }
}
