using System.Text.Json;
using Dashboard.JsonSchema.Compilation;

namespace Dashboard.JsonSchema;

/// <summary>Entry point: compiles JSON Schema draft 2020-12 documents into reusable validators.</summary>
/// <remarks>
/// Inside other <c>Dashboard.*</c> namespaces the name <c>JsonSchema</c> resolves to this namespace first;
/// there use <see cref="CompiledSchema.Compile(string, JsonSchemaOptions?)"/> or an alias.
/// </remarks>
public static class JsonSchema
{
    /// <summary>Compiles schema text; throws <see cref="JsonSchemaCompileException"/> listing every problem.</summary>
    public static CompiledSchema Compile(string schemaText, JsonSchemaOptions? options = null) =>
        TryCompile(schemaText, out var schema, out var errors, options) ? schema! : throw new JsonSchemaCompileException(errors);

    /// <summary>Compiles a schema element (it is copied); throws <see cref="JsonSchemaCompileException"/> listing every problem.</summary>
    public static CompiledSchema Compile(JsonElement schema, JsonSchemaOptions? options = null) =>
        TryCompile(schema, out var compiled, out var errors, options) ? compiled! : throw new JsonSchemaCompileException(errors);

    /// <summary>Compiles schema text, reporting problems (bad JSON, bad keyword values, unresolvable $ref, bad regex, $ref loops).</summary>
    public static bool TryCompile(
        string schemaText,
        out CompiledSchema? schema,
        out IReadOnlyList<SchemaError> errors,
        JsonSchemaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schemaText);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(schemaText);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            schema = null;
            errors = [new SchemaError("#", $"the schema is not valid JSON: {ex.Message}")];
            return false;
        }

        return TryCompileOwned(root, out schema, out errors, options);
    }

    /// <summary>Compiles a schema element (it is copied), reporting problems instead of throwing.</summary>
    public static bool TryCompile(
        JsonElement schema,
        out CompiledSchema? compiled,
        out IReadOnlyList<SchemaError> errors,
        JsonSchemaOptions? options = null) =>
        TryCompileOwned(schema.Clone(), out compiled, out errors, options);

    private static bool TryCompileOwned(
        JsonElement root,
        out CompiledSchema? schema,
        out IReadOnlyList<SchemaError> errors,
        JsonSchemaOptions? options)
    {
        var list = new List<SchemaError>();
        schema = SchemaCompiler.Compile(root, options ?? JsonSchemaOptions.Default, list);
        errors = list;
        return schema is not null;
    }
}
