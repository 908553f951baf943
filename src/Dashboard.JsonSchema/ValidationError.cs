namespace Dashboard.JsonSchema;

/// <summary>One reason why an instance does not satisfy a schema.</summary>
/// <param name="InstancePath">JSON Pointer to the failing value, such as <c>/order/items/0/qty</c> (empty for the root).</param>
/// <param name="JsonPath">The same location as a JSONPath, such as <c>$.order.items[0].qty</c>.</param>
/// <param name="SchemaPath">The failing keyword in the schema, such as <c>#/properties/qty/minimum</c>.</param>
/// <param name="Keyword">The failing keyword, such as <c>minimum</c> (<c>false</c> for a false schema).</param>
/// <param name="Message">A human readable message.</param>
public sealed record ValidationError(
    string InstancePath,
    string JsonPath,
    string SchemaPath,
    string Keyword,
    string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{JsonPath}: {Message} ({SchemaPath})";
}
