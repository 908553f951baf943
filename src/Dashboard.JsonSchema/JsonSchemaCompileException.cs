namespace Dashboard.JsonSchema;

/// <summary>Thrown by <see cref="JsonSchema.Compile(string, JsonSchemaOptions?)"/> when a schema is invalid.</summary>
public sealed class JsonSchemaCompileException : Exception
{
    public JsonSchemaCompileException(IReadOnlyList<SchemaError> errors)
        : base("Invalid JSON Schema: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found in the schema.</summary>
    public IReadOnlyList<SchemaError> Errors { get; }
}
