namespace Dashboard.JsonSchema.Compilation;

/// <summary>The identifiers found in a schema document: resources, anchors and each location's base URI.</summary>
internal sealed class SchemaIndex
{
    /// <summary>Absolute resource URI (no fragment) to the JSON Pointer of its schema.</summary>
    public Dictionary<string, string> Resources { get; } = new(StringComparer.Ordinal);

    /// <summary><c>uri#name</c> for <c>$anchor</c> and <c>$dynamicAnchor</c> to the JSON Pointer of its schema.</summary>
    public Dictionary<string, string> Anchors { get; } = new(StringComparer.Ordinal);

    /// <summary><c>uri#name</c> for <c>$dynamicAnchor</c> only.</summary>
    public Dictionary<string, string> DynamicAnchors { get; } = new(StringComparer.Ordinal);

    /// <summary>Schema location (JSON Pointer) to the base URI in effect there.</summary>
    public Dictionary<string, string> BaseUris { get; } = new(StringComparer.Ordinal);

    public string BaseOf(string pointer)
    {
        var current = pointer;
        while (true)
        {
            if (BaseUris.TryGetValue(current, out var uri))
            {
                return uri;
            }

            var slash = current.LastIndexOf('/');
            if (slash < 0)
            {
                return BaseUris[string.Empty];
            }

            current = current[..slash];
        }
    }
}
