namespace Dashboard.JsonSchema.Tests.Keywords;

public sealed class ApplicatorTests
{
    [Fact]
    public void AllOf_EveryFailingBranch_IsReported()
    {
        var schema = TestJson.Schema("""{"allOf": [{"type": "string"}, {"minLength": 3}, {"maxLength": 1}]}""");

        Assert.False(schema.Valid("\"ab\""));
        Assert.Equal(2, schema.Errors("\"ab\"").Count);
    }

    [Fact]
    public void AnyOf_NoBranchMatches_ReportsSummaryAndBranchErrors()
    {
        var schema = TestJson.Schema("""{"anyOf": [{"type": "string"}, {"type": "integer"}]}""");

        Assert.True(schema.Valid("1"));
        var errors = schema.Errors("true");
        Assert.Contains(errors, e => e.Keyword == "anyOf" && e.SchemaPath == "#/anyOf");
        Assert.Contains(errors, e => e.SchemaPath == "#/anyOf/1/type");
    }

    [Fact]
    public void AnyOf_OneBranchMatches_HasNoErrors()
    {
        var schema = TestJson.Schema("""{"anyOf": [{"type": "string"}, {"type": "integer"}]}""");

        Assert.Empty(schema.Errors("2"));
    }

    [Fact]
    public void OneOf_TwoBranchesMatch_IsInvalid()
    {
        var schema = TestJson.Schema("""{"oneOf": [{"type": "integer"}, {"minimum": 2}]}""");

        Assert.True(schema.Valid("1"));
        Assert.True(schema.Valid("2.5"));
        var error = Assert.Single(schema.Errors("3"));
        Assert.Contains("index 0 and 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_MatchingSchema_IsInvalid()
    {
        var schema = TestJson.Schema("""{"not": {"type": "null"}}""");

        Assert.True(schema.Valid("0"));
        Assert.Equal("not", Assert.Single(schema.Errors("null")).Keyword);
    }

    [Fact]
    public void IfThenElse_ChoosesBranchByCondition()
    {
        var schema = TestJson.Schema("""
            {"if": {"properties": {"kind": {"const": "card"}}, "required": ["kind"]},
             "then": {"required": ["cardNumber"]},
             "else": {"required": ["iban"]}}
            """);

        Assert.True(schema.Valid("""{"kind": "card", "cardNumber": "4111"}"""));
        Assert.False(schema.Valid("""{"kind": "card", "iban": "DE00"}"""));
        Assert.True(schema.Valid("""{"kind": "bank", "iban": "DE00"}"""));
        var error = Assert.Single(schema.Errors("""{"kind": "bank"}"""));
        Assert.Equal("#/else/required", error.SchemaPath);
    }
}
