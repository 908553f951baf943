namespace Dashboard.JsonSchema.Tests.Keywords;

public sealed class UnevaluatedTests
{
    [Fact]
    public void UnevaluatedProperties_SeesPropertiesFromAllOf()
    {
        var schema = TestJson.Schema("""
            {"allOf": [{"properties": {"a": {}}}], "properties": {"b": {}}, "unevaluatedProperties": false}
            """);

        Assert.True(schema.Valid("""{"a": 1, "b": 2}"""));
        var error = Assert.Single(schema.Errors("""{"a": 1, "c": 3}"""));
        Assert.Equal("unevaluated property 'c' is not allowed", error.Message);
        Assert.Equal("/c", error.InstancePath);
    }

    [Fact]
    public void UnevaluatedProperties_IgnoresFailedAnyOfBranches()
    {
        var schema = TestJson.Schema("""
            {"anyOf": [{"properties": {"a": {"type": "string"}}}, {"properties": {"b": {}}, "required": ["b"]}],
             "unevaluatedProperties": false}
            """);

        Assert.True(schema.Valid("""{"a": "x"}"""));
        Assert.True(schema.Valid("""{"a": "x", "b": 1}"""));
        Assert.False(schema.Valid("""{"a": 1, "b": 1}"""));
    }

    [Fact]
    public void UnevaluatedProperties_SeesThroughRefAndIfThen()
    {
        var schema = TestJson.Schema("""
            {"$defs": {"base": {"properties": {"id": {}}}},
             "$ref": "#/$defs/base",
             "if": {"properties": {"kind": {"const": "a"}}},
             "then": {"properties": {"extra": {}}},
             "unevaluatedProperties": false}
            """);

        Assert.True(schema.Valid("""{"id": 1, "kind": "a", "extra": 2}"""));
        Assert.False(schema.Valid("""{"id": 1, "kind": "b", "extra": 2}"""));
    }

    [Fact]
    public void UnevaluatedProperties_SeesDependentSchemas()
    {
        var schema = TestJson.Schema("""
            {"dependentSchemas": {"card": {"properties": {"cvc": {}}}}, "properties": {"card": {}}, "unevaluatedProperties": false}
            """);

        Assert.True(schema.Valid("""{"card": 1, "cvc": 2}"""));
        Assert.False(schema.Valid("""{"cvc": 2}"""));
    }

    [Fact]
    public void UnevaluatedProperties_NestedInSubschema_DoesNotSeeOuterProperties()
    {
        var schema = TestJson.Schema("""
            {"properties": {"a": {}}, "allOf": [{"unevaluatedProperties": false}]}
            """);

        Assert.False(schema.Valid("""{"a": 1}"""));
        Assert.True(schema.Valid("{}"));
    }

    [Fact]
    public void UnevaluatedItems_SeesPrefixItemsAndContains()
    {
        var schema = TestJson.Schema("""
            {"allOf": [{"prefixItems": [{"type": "string"}]}], "contains": {"type": "boolean"}, "unevaluatedItems": {"type": "integer"}}
            """);

        Assert.True(schema.Valid("""["a", true, 3, false]"""));
        Assert.False(schema.Valid("""["a", true, "x"]"""));
    }

    [Fact]
    public void UnevaluatedItems_AfterItems_HasNothingLeft()
    {
        var schema = TestJson.Schema("""{"items": {"type": "integer"}, "unevaluatedItems": false}""");

        Assert.True(schema.Valid("[1, 2]"));
    }

    [Fact]
    public void UnevaluatedItems_OneOfBranch_OnlyValidBranchCounts()
    {
        var schema = TestJson.Schema("""
            {"oneOf": [{"prefixItems": [{"const": "a"}]}, {"prefixItems": [{"const": "b"}, true]}], "unevaluatedItems": false}
            """);

        Assert.True(schema.Valid("""["a"]"""));
        Assert.True(schema.Valid("""["b", 2]"""));
        Assert.False(schema.Valid("""["a", 2]"""));
    }
}
