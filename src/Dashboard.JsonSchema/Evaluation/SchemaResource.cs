namespace Dashboard.JsonSchema.Evaluation;

/// <summary>A schema resource (the root or a subschema with <c>$id</c>), with its dynamic anchors.</summary>
internal sealed class SchemaResource
{
    public SchemaResource(string uri)
    {
        Uri = uri;
    }

    public string Uri { get; }

    public Dictionary<string, SchemaNode> DynamicAnchors { get; } = new(StringComparer.Ordinal);
}
