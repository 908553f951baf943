using System.Text.Json;

namespace Dashboard.JsonSchema.Tests;

internal static class TestJson
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static CompiledSchema Schema(string json, JsonSchemaOptions? options = null) => JsonSchema.Compile(json, options);

    /// <summary>Validates both ways and checks that the fast and the collecting paths agree.</summary>
    public static bool Valid(this CompiledSchema schema, string instance)
    {
        var element = Parse(instance);
        var fast = schema.IsValid(element);
        var full = schema.Validate(element);
        Assert.Equal(fast, full.IsValid);
        return fast;
    }

    public static IReadOnlyList<ValidationError> Errors(this CompiledSchema schema, string instance) =>
        schema.Validate(Parse(instance)).Errors;
}
