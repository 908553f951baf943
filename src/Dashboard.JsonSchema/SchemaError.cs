namespace Dashboard.JsonSchema;

/// <summary>A problem found while compiling a schema.</summary>
/// <param name="SchemaPath">Where in the schema, as a URI fragment JSON Pointer such as <c>#/properties/age/minimum</c>.</param>
/// <param name="Message">A human readable message.</param>
public sealed record SchemaError(string SchemaPath, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{SchemaPath}: {Message}";
}
