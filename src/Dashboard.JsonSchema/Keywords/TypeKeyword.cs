using System.Text.Json;
using Dashboard.JsonSchema.Evaluation;

namespace Dashboard.JsonSchema.Keywords;

[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,
    String = 32,
    Integer = 64,
}

internal sealed class TypeKeyword : Keyword
{
    private readonly JsonTypes _types;
    private readonly string _expected;

    public TypeKeyword(string schemaPath, JsonTypes types, IReadOnlyList<string> names)
        : base(schemaPath)
    {
        _types = types;
        _expected = names.Count == 1 ? names[0] : "one of [" + string.Join(", ", names) + "]";
    }

    public static JsonTypes Parse(string name) => name switch
    {
        "null" => JsonTypes.Null,
        "boolean" => JsonTypes.Boolean,
        "object" => JsonTypes.Object,
        "array" => JsonTypes.Array,
        "number" => JsonTypes.Number,
        "string" => JsonTypes.String,
        "integer" => JsonTypes.Integer,
        _ => JsonTypes.None,
    };

    public override bool Evaluate(JsonElement instance, EvaluationContext context, EvaluatedTracker? tracker)
    {
        var ok = instance.ValueKind switch
        {
            JsonValueKind.Object => (_types & JsonTypes.Object) != 0,
            JsonValueKind.Array => (_types & JsonTypes.Array) != 0,
            JsonValueKind.String => (_types & JsonTypes.String) != 0,
            JsonValueKind.True or JsonValueKind.False => (_types & JsonTypes.Boolean) != 0,
            JsonValueKind.Null => (_types & JsonTypes.Null) != 0,
            JsonValueKind.Number => (_types & JsonTypes.Number) != 0
                || ((_types & JsonTypes.Integer) != 0 && JsonValues.IsInteger(instance)),
            _ => false,
        };
        if (!ok && context.Collecting)
        {
            context.AddError(SchemaPath, "type", $"expected {_expected} but got {JsonValues.TypeName(instance)}");
        }

        return ok;
    }
}
