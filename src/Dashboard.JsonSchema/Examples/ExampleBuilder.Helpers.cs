using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Examples;

internal sealed partial class ExampleBuilder
{
    private bool Matches(SchemaNode node, JsonNode? value)
    {
        var element = value is null ? JsonSerializer.SerializeToElement<object?>(null) : JsonSerializer.SerializeToElement(value);
        return _schema.IsValid(node, element);
    }

    private static bool Has(SchemaNode part, string keyword) =>
        part.Element.ValueKind == JsonValueKind.Object && part.Element.TryGetProperty(keyword, out _);

    private static (SchemaNode Part, string Keyword, JsonElement Value)? First(List<SchemaNode> parts, string keyword)
    {
        foreach (var part in parts)
        {
            if (part.Element.ValueKind == JsonValueKind.Object && part.Element.TryGetProperty(keyword, out var value))
            {
                return (part, keyword, value);
            }
        }

        return null;
    }

    private static decimal? Number(List<SchemaNode> parts, string keyword) =>
        First(parts, keyword) is { Value.ValueKind: JsonValueKind.Number } found && found.Value.TryGetDecimal(out var d) ? d : null;

    private SchemaNode Node(SchemaNode part, string relative)
    {
        var pointer = part.Location + "/" + string.Join('/', relative.Split('/').Select(JsonPointer.Escape));
        return _schema.Nodes[pointer];
    }

    private SchemaNode Child(SchemaNode part, string keyword, string name) =>
        _schema.Nodes[part.Location + "/" + keyword + "/" + JsonPointer.Escape(name)];
}
