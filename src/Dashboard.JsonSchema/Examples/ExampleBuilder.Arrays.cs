using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Examples;

internal sealed partial class ExampleBuilder
{
    private JsonArray BuildArray(List<SchemaNode> parts, int depth, int variant)
    {
        var result = new JsonArray();
        if (First(parts, "prefixItems") is { } prefix)
        {
            for (var i = 0; i < prefix.Value.GetArrayLength(); i++)
            {
                result.Add(Build(Node(prefix.Part, "prefixItems/" + i), depth + 1, variant));
            }
        }

        var items = First(parts, "items") is { } found ? Node(found.Part, "items") : null;
        var minItems = (int)Math.Min(Number(parts, "minItems") ?? 0, 100);
        var maxItems = Number(parts, "maxItems") ?? 100;
        for (var i = result.Count; i < minItems; i++)
        {
            result.Add(items is null ? JsonValue.Create(i + 1) : Build(items, depth + 1, i));
        }

        // One illustrative item near the root, when it is optional and comes out valid.
        if (result.Count == 0 && items is { BooleanValue: null } && maxItems > 0 && depth <= 2
            && Build(items, depth + 1, 0) is { } sample && Matches(items, sample))
        {
            result.Add(sample);
        }

        if (First(parts, "contains") is { } contains)
        {
            var schema = Node(contains.Part, "contains");
            var minContains = (int)Math.Min(Number(parts, "minContains") ?? 1, 100);
            var matching = result.Count(item => Matches(schema, item));
            for (var i = matching; i < minContains; i++)
            {
                result.Add(Build(schema, depth + 1, i));
            }
        }

        return result;
    }
}
