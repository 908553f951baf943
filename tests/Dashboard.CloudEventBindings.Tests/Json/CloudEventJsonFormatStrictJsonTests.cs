namespace Dashboard.CloudEventBindings.Tests.Json;

public sealed class CloudEventJsonFormatStrictJsonTests
{
    [Fact]
    public void Parse_DuplicateAttribute_ReportsDuplicatePath()
    {
        var error = TestJson.SingleError(TestJson.Parse("\"id\":\"again\""));

        Assert.Equal("$.id", error.Path);
        Assert.Contains("duplicate", error.Message);
    }

    [Fact]
    public void Parse_DuplicateNameDeepInsideData_ReportsNestedPath()
    {
        var error = TestJson.SingleError(TestJson.Parse("\"data\":{\"items\":[{\"a\":1},{\"b\":1,\"b\":2}]}"));

        Assert.Equal("$.data.items[1].b", error.Path);
    }

    [Fact]
    public void Parse_DuplicateNameWrittenWithEscape_IsDetected()
    {
        var error = TestJson.SingleError(TestJson.Parse("\"data\":{\"ab\":1,\"\\u0061b\":2}"));

        Assert.Equal("$.data.ab", error.Path);
    }

    [Fact]
    public void Parse_DuplicateNameInObjectWithManyMembers_IsDetected()
    {
        var members = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"m{i}\":{i}"));

        var error = TestJson.SingleError(TestJson.Parse($"\"data\":{{{members},\"m7\":\"again\"}}"));

        Assert.Equal("$.data.m7", error.Path);
    }

    [Fact]
    public void Parse_ManyDistinctMembersAndEscapedNames_IsAccepted()
    {
        var members = string.Join(",", Enumerable.Range(0, 40).Select(i => $"\"m{i}\":[{i},\"v{i}\"]"));

        var result = TestJson.Parse($"\"data\":{{{members},\"\\u0061b\":1,\"ac\":{{\"\\u00e9\":\"\\ud83d\\ude00\"}}}}");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Parse_DuplicateAfterValidNestedValues_ReportsOnlyTheDuplicate()
    {
        var error = TestJson.SingleError(TestJson.Parse("\"data\":{\"a\":{\"x\":[1,\"s\"]},\"b\":true,\"a\":null}"));

        Assert.Equal("$.data.a", error.Path);
    }

    [Fact]
    public void Parse_SameNameInDifferentObjects_IsAccepted()
    {
        var result = TestJson.Parse("\"data\":{\"id\":1,\"x\":{\"id\":2},\"y\":[{\"id\":3},{\"id\":4}]}");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Parse_NestingDeeperThanDefaultMaxDepth_IsRejected()
    {
        var data = new string('[', 64) + new string(']', 64);

        var result = TestJson.Parse($"\"data\":{data}");

        Assert.False(result.IsValid);
        Assert.Contains("depth", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Parse_NestingWithinConfiguredMaxDepth_IsAccepted()
    {
        var data = new string('[', 8) + new string(']', 8);

        Assert.True(TestJson.Parse($"\"data\":{data}", formatter: new StrictJsonEventFormatter(maxDepth: 9)).IsValid);
        Assert.False(TestJson.Parse($"\"data\":{data}", formatter: new StrictJsonEventFormatter(maxDepth: 8)).IsValid);
    }

    [Fact]
    public void Parse_InvalidUtf8InAttribute_IsRejected()
    {
        var bytes = TestJson.Event("\"subject\":\"x_y\"");
        bytes[Array.IndexOf(bytes, (byte)'_')] = 0xFF;

        var error = TestJson.SingleError(StrictJsonEventFormatter.Default.DecodeStructured(bytes));

        Assert.Equal("$.subject", error.Path);
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void Parse_OverlongUtf8InsideData_IsRejected()
    {
        var bytes = TestJson.Event("\"data\":[\"__\"]");
        var at = Array.IndexOf(bytes, (byte)'_');
        (bytes[at], bytes[at + 1]) = (0xC0, 0xA0);

        Assert.Equal("$.data[0]", TestJson.SingleError(StrictJsonEventFormatter.Default.DecodeStructured(bytes)).Path);
    }

    [Theory]
    [InlineData("\"subject\":\"a\\ud800b\"", "$.subject")]
    [InlineData("\"subject\":\"\\udc00\"", "$.subject")]
    [InlineData("\"subject\":\"\\ud800\\u0041\"", "$.subject")]
    [InlineData("\"data\":{\"k\":\"\\ud83d\"}", "$.data.k")]
    [InlineData("\"data\":{\"\\ud83d\":1}", "$.data[?]")]
    public void Parse_LoneSurrogateEscape_IsRejected(string member, string path)
    {
        var error = TestJson.SingleError(TestJson.Parse(member));

        Assert.Equal(path, error.Path);
        Assert.Contains("surrogate", error.Message);
    }

    [Fact]
    public void Parse_PairedSurrogateEscape_IsAccepted()
    {
        var result = TestJson.Parse("\"subject\":\"\\ud83d\\ude00\"");

        Assert.True(result.IsValid);
        Assert.Equal("\U0001F600", result.Event!.Subject);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"event\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Parse_NonObject_IsRejectedAtRoot(string json)
    {
        Assert.Equal("$", TestJson.SingleError(StrictJsonEventFormatter.Default.DecodeStructured(TestJson.Bytes(json))).Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"id\":}")]
    [InlineData("{} trailing")]
    [InlineData("{\"specversion\":\"1.0\",}")]
    [InlineData("{/* comment */}")]
    public void Parse_MalformedJson_ReturnsErrorWithoutThrowing(string json)
    {
        var result = StrictJsonEventFormatter.Default.DecodeStructured(TestJson.Bytes(json));

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Message.StartsWith("invalid JSON", StringComparison.Ordinal));
    }
}
