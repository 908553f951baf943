namespace Dashboard.JsonSchema.Tests.Keywords;

public sealed class TypeAndValueTests
{
    [Theory]
    [InlineData("\"integer\"", "1", true)]
    [InlineData("\"integer\"", "1.0", true)]
    [InlineData("\"integer\"", "1.5", false)]
    [InlineData("\"number\"", "1.5", true)]
    [InlineData("\"string\"", "1", false)]
    [InlineData("[\"string\", \"null\"]", "null", true)]
    [InlineData("\"object\"", "[]", false)]
    [InlineData("\"boolean\"", "false", true)]
    public void Type_Value_MatchesDeclaredTypes(string type, string instance, bool expected)
    {
        var schema = TestJson.Schema($$"""{"type": {{type}}}""");

        Assert.Equal(expected, schema.Valid(instance));
    }

    [Fact]
    public void Type_StringForInteger_ReportsExpectedAndActual()
    {
        var schema = TestJson.Schema("""{"properties": {"id": {"type": "integer"}}}""");

        var error = Assert.Single(schema.Errors("""{"id": "x"}"""));

        Assert.Equal("expected integer but got string", error.Message);
        Assert.Equal("/id", error.InstancePath);
        Assert.Equal("#/properties/id/type", error.SchemaPath);
    }

    [Fact]
    public void Enum_NumericValues_TreatOneAndOnePointZeroAsEqual()
    {
        var schema = TestJson.Schema("""{"enum": [1, "a", {"b": [1, 2]}]}""");

        Assert.True(schema.Valid("1.0"));
        Assert.True(schema.Valid("""{"b": [1.0, 2]}"""));
        Assert.False(schema.Valid("""{"b": [2, 1]}"""));
        Assert.False(schema.Valid("true"));
    }

    [Fact]
    public void Enum_StringsOnly_UsesExactComparison()
    {
        var schema = TestJson.Schema("""{"enum": ["created", "paid"]}""");

        Assert.True(schema.Valid("\"paid\""));
        Assert.False(schema.Valid("\"Paid\""));
        Assert.Contains("\"created\"", schema.Errors("\"x\"")[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Const_ObjectWithDifferentPropertyOrder_IsEqual()
    {
        var schema = TestJson.Schema("""{"const": {"a": 1, "b": false}}""");

        Assert.True(schema.Valid("""{"b": false, "a": 1.0}"""));
        Assert.False(schema.Valid("""{"a": 1}"""));
        Assert.False(schema.Valid("""{"a": 1, "b": 0}"""));
    }

    [Theory]
    [InlineData("{\"minimum\": 5}", "5", true)]
    [InlineData("{\"exclusiveMinimum\": 5}", "5", false)]
    [InlineData("{\"maximum\": 5}", "5.0001", false)]
    [InlineData("{\"exclusiveMaximum\": 5}", "4.9999", true)]
    [InlineData("{\"multipleOf\": 0.01}", "19.99", true)]
    [InlineData("{\"multipleOf\": 0.01}", "19.999", false)]
    [InlineData("{\"multipleOf\": 0.123456789}", "1e308", false)]
    [InlineData("{\"minimum\": 0}", "\"-1\"", true)]
    public void NumberKeywords_Value_AreExactForDecimals(string schemaText, string instance, bool expected)
    {
        Assert.Equal(expected, TestJson.Schema(schemaText).Valid(instance));
    }

    [Fact]
    public void Minimum_Violated_ReportsValueAndLimit()
    {
        var error = Assert.Single(TestJson.Schema("""{"minimum": 1}""").Errors("0"));

        Assert.Equal("minimum", error.Keyword);
        Assert.Equal("value 0 is less than the minimum 1", error.Message);
    }

    [Fact]
    public void BooleanSchema_False_RejectsEverything()
    {
        var schema = TestJson.Schema("false");

        Assert.False(schema.Valid("{}"));
        Assert.True(TestJson.Schema("true").Valid("{}"));
    }
}
