namespace Dashboard.JsonSchema.Tests;

public sealed class JsonSchemaCompileTests
{
    [Fact]
    public void TryCompile_NotJson_ReportsParseError()
    {
        Assert.False(JsonSchema.TryCompile("{\"type\": ", out var schema, out var errors));

        Assert.Null(schema);
        var error = Assert.Single(errors);
        Assert.Equal("#", error.SchemaPath);
        Assert.StartsWith("the schema is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_WrongKeywordValueTypes_ReportsEveryOneWithItsPath()
    {
        var ok = JsonSchema.TryCompile("""
            {"type": "text", "properties": {"age": {"minimum": "0", "maxLength": -1}}, "required": "id", "anyOf": []}
            """, out _, out var errors);

        Assert.False(ok);
        Assert.Equal(
            ["#/type", "#/properties/age/minimum", "#/properties/age/maxLength", "#/required", "#/anyOf"],
            errors.Select(e => e.SchemaPath));
        Assert.Contains("unknown type 'text'", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("'minimum' must be a number", errors[1].Message);
    }

    [Fact]
    public void TryCompile_UnresolvableRef_NamesTheReference()
    {
        Assert.False(JsonSchema.TryCompile("""{"properties": {"a": {"$ref": "#/$defs/missing"}}}""", out _, out var errors));

        var error = Assert.Single(errors);
        Assert.Equal("#/properties/a/$ref", error.SchemaPath);
        Assert.Contains("#/$defs/missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_RemoteRef_IsReportedAsUnsupported()
    {
        Assert.False(JsonSchema.TryCompile("""{"$ref": "https://example.com/other.json"}""", out _, out var errors));

        Assert.Contains("remote references are not supported", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_BadRegex_ReportsPatternLocation()
    {
        Assert.False(JsonSchema.TryCompile("""{"properties": {"code": {"pattern": "^[a-z"}}}""", out _, out var errors));

        var error = Assert.Single(errors);
        Assert.Equal("#/properties/code/pattern", error.SchemaPath);
        Assert.Contains("invalid regular expression", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"$ref": "#"}""")]
    [InlineData("""{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}""")]
    [InlineData("""{"anyOf": [{"type": "string"}, {"not": {"$ref": "#"}}]}""")]
    public void TryCompile_RefLoopWithoutConsumingInput_IsReportedNotOverflowing(string schemaText)
    {
        Assert.False(JsonSchema.TryCompile(schemaText, out _, out var errors));

        Assert.Contains("infinite $ref loop", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_RecursionThroughProperties_IsAllowed()
    {
        var schema = JsonSchema.Compile("""{"properties": {"next": {"$ref": "#"}}, "type": "object"}""");

        Assert.True(schema.Valid("""{"next": {"next": {}}}"""));
        Assert.False(schema.Valid("""{"next": {"next": 1}}"""));
    }

    [Fact]
    public void Compile_InvalidSchema_ThrowsWithErrors()
    {
        var ex = Assert.Throws<JsonSchemaCompileException>(() => JsonSchema.Compile("""{"minItems": 1.5}"""));

        Assert.Equal("#/minItems", Assert.Single(ex.Errors).SchemaPath);
    }

    [Fact]
    public void Compile_UnknownKeywords_AreIgnored()
    {
        var schema = JsonSchema.Compile("""{"x-ui": {"widget": "text"}, "title": "T", "description": "D", "type": "string"}""");

        Assert.True(schema.Valid("\"ok\""));
    }

    [Fact]
    public void CompiledSchemaCompile_IsAnAlternativeEntryPoint()
    {
        Assert.True(CompiledSchema.TryCompile("""{"type": "null"}""", out var schema, out var errors));

        Assert.Empty(errors);
        Assert.True(schema!.Valid("null"));
    }
}
