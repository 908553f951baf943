namespace Dashboard.JsonSchema.Tests.Keywords;

public sealed class ObjectKeywordTests
{
    [Fact]
    public void Required_MissingProperties_ReportsEachOne()
    {
        var schema = TestJson.Schema("""{"required": ["id", "type", "source"]}""");

        var errors = schema.Errors("""{"type": "x"}""");

        Assert.Equal(["required property 'id' is missing", "required property 'source' is missing"], errors.Select(e => e.Message));
        Assert.All(errors, e => Assert.Equal(string.Empty, e.InstancePath));
    }

    [Fact]
    public void AdditionalProperties_False_ReportsTheExtraPropertyPath()
    {
        var schema = TestJson.Schema("""{"properties": {"a": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}""");

        Assert.True(schema.Valid("""{"a": 1, "x-trace": 2}"""));
        var error = Assert.Single(schema.Errors("""{"a": 1, "b": 2}"""));
        Assert.Equal("/b", error.InstancePath);
        Assert.Equal("additional property 'b' is not allowed", error.Message);
        Assert.Equal("#/additionalProperties", error.SchemaPath);
    }

    [Fact]
    public void AdditionalProperties_Schema_ValidatesOnlyUnlistedProperties()
    {
        var schema = TestJson.Schema("""{"properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "integer"}}""");

        Assert.True(schema.Valid("""{"a": "s", "b": 1}"""));
        Assert.False(schema.Valid("""{"a": "s", "b": "t"}"""));
    }

    [Fact]
    public void PatternProperties_MatchingNames_AreValidated()
    {
        var schema = TestJson.Schema("""{"patternProperties": {"^n_": {"type": "number"}}}""");

        Assert.True(schema.Valid("""{"n_a": 1, "other": "x"}"""));
        Assert.False(schema.Valid("""{"n_a": "1"}"""));
    }

    [Fact]
    public void DependentRequired_TriggerPresent_RequiresDependencies()
    {
        var schema = TestJson.Schema("""{"dependentRequired": {"card": ["billingAddress"]}}""");

        Assert.True(schema.Valid("""{"name": "x"}"""));
        var error = Assert.Single(schema.Errors("""{"card": "4111"}"""));
        Assert.Equal("property 'billingAddress' is required when 'card' is present", error.Message);
    }

    [Fact]
    public void DependentSchemas_TriggerPresent_AppliesSchemaToObject()
    {
        var schema = TestJson.Schema("""{"dependentSchemas": {"card": {"required": ["cvc"]}}}""");

        Assert.True(schema.Valid("""{"x": 1}"""));
        Assert.False(schema.Valid("""{"card": 1}"""));
        Assert.True(schema.Valid("""{"card": 1, "cvc": 2}"""));
    }

    [Fact]
    public void PropertyNames_InvalidName_IsReportedWithTheName()
    {
        var schema = TestJson.Schema("""{"propertyNames": {"pattern": "^[a-z]+$"}}""");

        Assert.True(schema.Valid("""{"abc": 1}"""));
        var error = Assert.Single(schema.Errors("""{"Abc": 1}"""));
        Assert.StartsWith("property name 'Abc':", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MinAndMaxProperties_CountProperties()
    {
        var schema = TestJson.Schema("""{"minProperties": 1, "maxProperties": 2}""");

        Assert.False(schema.Valid("{}"));
        Assert.True(schema.Valid("""{"a": 1, "b": 2}"""));
        Assert.False(schema.Valid("""{"a": 1, "b": 2, "c": 3}"""));
    }

    [Fact]
    public void Properties_NameNeedingEscapes_HasEscapedPointerAndBracketJsonPath()
    {
        var schema = TestJson.Schema("""{"properties": {"a/b c": {"type": "string"}}}""");

        var error = Assert.Single(schema.Errors("""{"a/b c": 1}"""));

        Assert.Equal("/a~1b c", error.InstancePath);
        Assert.Equal("$['a/b c']", error.JsonPath);
        Assert.Equal("#/properties/a~1b c/type", error.SchemaPath);
    }

    [Fact]
    public void Properties_NonAsciiEscapedAndLongNames_AreMatchedAndNamedInPaths()
    {
        var longName = new string('n', 300);
        var schema = JsonSchema.Compile(
            "{\"properties\": {\"café\": {\"type\": \"integer\"}, \"ab\": {\"type\": \"integer\"}, \"" + longName + "\": {\"type\": \"integer\"}}}");

        var result = schema.Validate("{\"café\": \"x\", \"\\u0061b\": \"y\", \"" + longName + "\": \"z\", \"other\": \"w\"}");

        Assert.Equal(["$.ab", "$.café", "$." + longName], result.Errors.Select(e => e.JsonPath).Order(StringComparer.Ordinal).ToArray());
    }
}
