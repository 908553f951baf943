using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema;

/// <summary>
/// A schema compiled once into a tree of keyword validators. Immutable and safe to use from many threads.
/// </summary>
public sealed class CompiledSchema
{
    [ThreadStatic]
    private static EvaluationContext? _cachedContext;

    private readonly SchemaNode _root;
    private readonly IReadOnlyDictionary<string, SchemaNode> _nodes;
    private readonly bool _usesDynamicScope;

    internal CompiledSchema(
        JsonElement schema,
        SchemaNode root,
        IReadOnlyDictionary<string, SchemaNode> nodes,
        JsonSchemaOptions options,
        bool usesDynamicScope)
    {
        Schema = schema;
        Options = options;
        _root = root;
        _nodes = nodes;
        _usesDynamicScope = usesDynamicScope;
    }

    /// <summary>The schema document this was compiled from.</summary>
    public JsonElement Schema { get; }

    public JsonSchemaOptions Options { get; }

    internal SchemaNode Root => _root;

    internal IReadOnlyDictionary<string, SchemaNode> Nodes => _nodes;

    /// <summary>Fast check of one compiled subschema (used by the example generator).</summary>
    internal bool IsValid(SchemaNode node, JsonElement instance)
    {
        var context = new EvaluationContext();
        context.Reset(collect: false, _usesDynamicScope);
        return node.Evaluate(instance, context, null);
    }

    /// <summary>Compiles a schema; see <see cref="JsonSchema.Compile(string, JsonSchemaOptions?)"/>.</summary>
    public static CompiledSchema Compile(string schemaText, JsonSchemaOptions? options = null) =>
        JsonSchema.Compile(schemaText, options);

    /// <summary>Compiles a schema; see <see cref="JsonSchema.TryCompile(string, out CompiledSchema?, out IReadOnlyList{SchemaError}, JsonSchemaOptions?)"/>.</summary>
    public static bool TryCompile(string schemaText, out CompiledSchema? schema, out IReadOnlyList<SchemaError> errors, JsonSchemaOptions? options = null) =>
        JsonSchema.TryCompile(schemaText, out schema, out errors, options);

    /// <summary>Fast check that stops at the first failure and allocates no error objects.</summary>
    public bool IsValid(JsonElement instance)
    {
        var context = _cachedContext ??= new EvaluationContext();
        context.Reset(collect: false, _usesDynamicScope);
        return _root.Evaluate(instance, context, null);
    }

    /// <summary>Validates and returns every error with its instance path, schema path and message.</summary>
    public ValidationResult Validate(JsonElement instance)
    {
        var context = new EvaluationContext();
        context.Reset(collect: true, _usesDynamicScope);
        var valid = _root.Evaluate(instance, context, null);
        var errors = context.TakeErrors();
        if (valid)
        {
            return ValidationResult.Valid;
        }

        return new ValidationResult(errors is { Count: > 0 } ? errors : [Fallback()]);
    }

    /// <summary>Parses <paramref name="json"/> and validates it.</summary>
    public ValidationResult Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Validate(document.RootElement);
    }

    private static ValidationError Fallback() => new(string.Empty, "$", "#", string.Empty, "value does not match the schema");
}
