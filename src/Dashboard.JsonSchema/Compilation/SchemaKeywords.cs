namespace Dashboard.JsonSchema.Compilation;

/// <summary>Where 2020-12 keywords hold subschemas.</summary>
internal static class SchemaKeywords
{
    /// <summary>Keywords whose value is one schema.</summary>
    public static readonly HashSet<string> Single = new(StringComparer.Ordinal)
    {
        "items", "additionalProperties", "unevaluatedItems", "unevaluatedProperties",
        "contains", "propertyNames", "if", "then", "else", "not",
    };

    /// <summary>Keywords whose value is an array of schemas.</summary>
    public static readonly HashSet<string> Array = new(StringComparer.Ordinal)
    {
        "prefixItems", "allOf", "anyOf", "oneOf",
    };

    /// <summary>Keywords whose value is an object of schemas.</summary>
    public static readonly HashSet<string> Map = new(StringComparer.Ordinal)
    {
        "$defs", "definitions", "properties", "patternProperties", "dependentSchemas",
    };

    public static string Child(string pointer, string token) => pointer + "/" + JsonPointer.Escape(token);

    public static string Location(string pointer, string keyword) => "#" + Child(pointer, keyword);
}
