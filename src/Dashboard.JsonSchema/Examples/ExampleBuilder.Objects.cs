using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Examples;

internal sealed partial class ExampleBuilder
{
    private JsonObject BuildObject(List<SchemaNode> parts, int depth, int variant)
    {
        var properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        var required = new List<string>();
        foreach (var part in parts.Where(p => p.Element.ValueKind == JsonValueKind.Object))
        {
            if (part.Element.TryGetProperty("properties", out var map))
            {
                foreach (var property in map.EnumerateObject())
                {
                    properties.TryAdd(property.Name, Child(part, "properties", property.Name));
                }
            }

            if (part.Element.TryGetProperty("required", out var names))
            {
                required.AddRange(names.EnumerateArray().Select(n => n.GetString()!).Where(n => !required.Contains(n)));
            }
        }

        var full = Fill(parts, properties, required.Concat(properties.Keys).Distinct().ToList(), depth, variant);
        if (parts.All(p => Matches(p, full)))
        {
            return full;
        }

        return Fill(parts, properties, required, depth, variant);
    }

    private JsonObject Fill(List<SchemaNode> parts, Dictionary<string, SchemaNode> properties, List<string> names, int depth, int variant)
    {
        var result = new JsonObject();
        var queue = new Queue<string>(names);
        while (queue.Count > 0)
        {
            var name = queue.Dequeue();
            if (result.ContainsKey(name))
            {
                continue;
            }

            var schema = properties.TryGetValue(name, out var known) ? known : Additional(parts);
            var value = schema is null ? JsonValue.Create("value") : Build(schema, depth + 1, variant);
            result[name] = value;
            foreach (var dependency in DependentRequired(parts, name))
            {
                queue.Enqueue(dependency);
            }
        }

        var minProperties = Number(parts, "minProperties") ?? 0;
        var extra = Additional(parts);
        for (var i = 1; result.Count < minProperties && i <= minProperties; i++)
        {
            result["property" + i] = extra is null ? JsonValue.Create("value") : Build(extra, depth + 1, i);
        }

        return result;
    }

    private SchemaNode? Additional(List<SchemaNode> parts) =>
        First(parts, "additionalProperties") is { } found && found.Value.ValueKind == JsonValueKind.Object
            ? Node(found.Part, "additionalProperties")
            : null;

    private static IEnumerable<string> DependentRequired(List<SchemaNode> parts, string name) =>
        First(parts, "dependentRequired") is { } found && found.Value.ValueKind == JsonValueKind.Object
            && found.Value.TryGetProperty(name, out var names)
            ? names.EnumerateArray().Select(n => n.GetString()!)
            : [];
}
