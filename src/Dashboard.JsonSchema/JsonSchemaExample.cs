using System.Text.Json;
using Dashboard.JsonSchema.Examples;

namespace Dashboard.JsonSchema;

/// <summary>
/// Produces a JSON instance that satisfies typical schemas, to prefill a "fire event manually" editor.
/// Uses <c>examples</c>, <c>default</c>, <c>const</c> and <c>enum</c> first, then types, required properties,
/// bounds, <c>minItems</c>, formats and simple patterns. The result is checked against the schema where possible,
/// but exotic schemas may still yield an instance that does not validate.
/// </summary>
public static class JsonSchemaExample
{
    private static readonly JsonSerializerOptions _indented = new() { WriteIndented = true };

    /// <summary>Generates an example for schema text (throws <see cref="JsonSchemaCompileException"/> if invalid).</summary>
    public static string Generate(string schemaText) => Generate(JsonSchema.Compile(schemaText));

    /// <summary>Generates an example for a schema element (throws <see cref="JsonSchemaCompileException"/> if invalid).</summary>
    public static string Generate(JsonElement schema) => Generate(JsonSchema.Compile(schema));

    /// <summary>Generates an example for a compiled schema, as indented JSON text.</summary>
    public static string Generate(CompiledSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var value = new ExampleBuilder(schema).BuildRoot();
        return value is null ? "null" : value.ToJsonString(_indented);
    }
}
