namespace Dashboard.JsonSchema.Tests.Keywords;

public sealed class StringKeywordTests
{
    [Fact]
    public void MinLength_SurrogatePair_CountsOneCodePoint()
    {
        var schema = TestJson.Schema("""{"minLength": 2, "maxLength": 2}""");

        Assert.False(schema.Valid("\"\uD83D\uDCA9\""));
        Assert.True(schema.Valid("\"a\uD83D\uDCA9\""));
    }

    [Fact]
    public void MaxLength_TooLong_ReportsLengths()
    {
        var error = Assert.Single(TestJson.Schema("""{"maxLength": 3}""").Errors("\"abcd\""));

        Assert.Equal("string must have at most 3 characters but has 4", error.Message);
    }

    [Fact]
    public void Pattern_IsUnanchoredSearch()
    {
        var schema = TestJson.Schema("""{"pattern": "b+"}""");

        Assert.True(schema.Valid("\"abbc\""));
        Assert.False(schema.Valid("\"ac\""));
        Assert.True(schema.Valid("42"));
    }

    [Fact]
    public void Pattern_DigitClass_IsAsciiOnlyLikeEcmaScript()
    {
        var schema = TestJson.Schema("""{"pattern": "^\\d+$"}""");

        Assert.True(schema.Valid("\"123\""));
        Assert.False(schema.Valid("\"\u0661\u0662\""));
        Assert.False(schema.Valid("\"123\\n\""));
    }

    [Fact]
    public void Pattern_UnicodePropertyLongName_IsSupported()
    {
        var schema = TestJson.Schema("""{"pattern": "^\\p{Letter}+$"}""");

        Assert.True(schema.Valid("\"\u00e9t\u00e9\""));
        Assert.False(schema.Valid("\"a1\""));
    }

    [Fact]
    public void Pattern_WithLookahead_FallsBackToBacktrackingEngine()
    {
        var schema = TestJson.Schema("""{"pattern": "^(?=.*[0-9])[a-z0-9]+$"}""");

        Assert.True(schema.Valid("\"abc1\""));
        Assert.False(schema.Valid("\"abc\""));
    }

    [Fact]
    public void Format_ByDefault_IsAnnotationOnly()
    {
        var schema = TestJson.Schema("""{"format": "email"}""");

        Assert.True(schema.Valid("\"not an email\""));
    }

    [Theory]
    [InlineData("date-time", "2024-02-29T10:00:00.5+01:00", true)]
    [InlineData("date-time", "2023-02-29T10:00:00Z", false)]
    [InlineData("date-time", "2024-01-01 10:00:00Z", false)]
    [InlineData("date", "2024-12-31", true)]
    [InlineData("time", "23:59:60Z", true)]
    [InlineData("email", "ops.team+alerts@example.co.uk", true)]
    [InlineData("email", "ops@@example.com", false)]
    [InlineData("uri", "https://example.com/a?b=c#d", true)]
    [InlineData("uri", "/relative/path", false)]
    [InlineData("uuid", "3fa85f64-5717-4562-b3fc-2c963f66afa6", true)]
    [InlineData("uuid", "3fa85f6457174562b3fc2c963f66afa6", false)]
    [InlineData("ipv4", "192.168.0.256", false)]
    [InlineData("ipv6", "::1", true)]
    [InlineData("unknown-format", "anything", true)]
    public void Format_AssertionEnabled_ChecksKnownFormats(string format, string value, bool expected)
    {
        var schema = TestJson.Schema($$"""{"format": "{{format}}"}""", new JsonSchemaOptions { AssertFormat = true });

        Assert.Equal(expected, schema.Valid($"\"{value}\""));
    }
}
