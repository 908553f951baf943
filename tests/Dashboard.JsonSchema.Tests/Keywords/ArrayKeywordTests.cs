namespace Dashboard.JsonSchema.Tests.Keywords;

public sealed class ArrayKeywordTests
{
    [Fact]
    public void Items_AfterPrefixItems_AppliesOnlyToTheRest()
    {
        var schema = TestJson.Schema("""{"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}""");

        Assert.True(schema.Valid("""["a", 1, 2]"""));
        Assert.False(schema.Valid("""["a", "b"]"""));
        Assert.False(schema.Valid("""[1]"""));
    }

    [Fact]
    public void Items_FalseAfterPrefix_ForbidsExtraItems()
    {
        var schema = TestJson.Schema("""{"prefixItems": [true, true], "items": false}""");

        Assert.True(schema.Valid("[1, 2]"));
        Assert.False(schema.Valid("[1, 2, 3]"));
    }

    [Fact]
    public void Items_ArrayForm_IsACompileErrorWithHint()
    {
        Assert.False(JsonSchema.TryCompile("""{"items": [{"type": "string"}]}""", out _, out var errors));

        var error = Assert.Single(errors);
        Assert.Equal("#/items", error.SchemaPath);
        Assert.Contains("prefixItems", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, \"a\"]", true)]
    [InlineData("[\"a\"]", false)]
    [InlineData("[1, 2, 3, 4]", false)]
    public void Contains_WithMinAndMaxContains_CountsMatches(string instance, bool expected)
    {
        var schema = TestJson.Schema("""{"contains": {"type": "integer"}, "minContains": 1, "maxContains": 3}""");

        Assert.Equal(expected, schema.Valid(instance));
    }

    [Fact]
    public void Contains_MinContainsZero_AcceptsEmptyArray()
    {
        Assert.True(TestJson.Schema("""{"contains": false, "minContains": 0}""").Valid("[]"));
    }

    [Fact]
    public void UniqueItems_EqualNumbersAndObjects_AreDuplicates()
    {
        var schema = TestJson.Schema("""{"uniqueItems": true}""");

        Assert.False(schema.Valid("[1, 1.0]"));
        Assert.False(schema.Valid("""[{"a": 1, "b": 2}, {"b": 2, "a": 1}]"""));
        Assert.True(schema.Valid("""[1, true, "1", [1], {"a": 1}]"""));
        Assert.Equal("array items at index 0 and 1 are equal", Assert.Single(schema.Errors("[1, 1.0]")).Message);
    }

    [Fact]
    public void MinItems_TooFew_ReportsCount()
    {
        var error = Assert.Single(TestJson.Schema("""{"minItems": 2}""").Errors("[1]"));

        Assert.Equal("array must have at least 2 items but has 1", error.Message);
    }

    [Fact]
    public void Items_ManyInvalid_ReportsEveryItemWithItsIndex()
    {
        var schema = TestJson.Schema("""{"items": {"type": "integer"}}""");

        var errors = schema.Errors("""[1, "a", 2, null]""");

        Assert.Equal(["/1", "/3"], errors.Select(e => e.InstancePath));
        Assert.Equal(["$[1]", "$[3]"], errors.Select(e => e.JsonPath));
    }
}
