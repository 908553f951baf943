namespace Dashboard.CloudEventBindings.Tests.Json;

public sealed class CloudEventJsonFormatParseTests
{
    [Fact]
    public void Parse_MinimalEvent_ReturnsEventWithRequiredAttributes()
    {
        var result = StrictJsonEventFormatter.Default.DecodeStructured(TestJson.Event());

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal(("1.0", "e1", "/orders", "order.created"), (result.Event!.SpecVersion.VersionId, result.Event!.Id, result.Event!.Source!.OriginalString, result.Event!.Type));
        Assert.Null(result.Event!.Data);
        Assert.Empty(result.Event!.Extensions());
    }

    [Fact]
    public void Parse_AllOptionalAttributes_MapsEachOne()
    {
        var result = TestJson.Parse("\"datacontenttype\":\"application/json\",\"dataschema\":\"https://example.com/s.json\","
            + "\"subject\":\"o-1\",\"time\":\"2024-02-29T23:59:59.123+02:00\"");

        Assert.True(result.IsValid);
        Assert.Equal("application/json", result.Event!.DataContentType);
        Assert.Equal("https://example.com/s.json", result.Event!.DataSchema!.OriginalString);
        Assert.Equal("o-1", result.Event!.Subject);
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 59, 123, TimeSpan.FromHours(2)), result.Event!.Time);
    }

    [Fact]
    public void Parse_NullForEveryOptionalAttribute_TreatsThemAsAbsent()
    {
        var result = TestJson.Parse("\"datacontenttype\":null,\"dataschema\":null,\"subject\":null,\"time\":null,\"data\":null,\"data_base64\":null,\"ext\":null");

        Assert.True(result.IsValid);
        Assert.Null(result.Event!.Time);
        Assert.Null(result.Event!.Data);
        Assert.Empty(result.Event!.Extensions());
    }

    [Theory]
    [InlineData("specversion")]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("type")]
    public void Parse_MissingRequiredAttribute_ReportsItsPath(string attribute)
    {
        var members = new Dictionary<string, string> { ["specversion"] = "1.0", ["id"] = "1", ["source"] = "/s", ["type"] = "t" };
        members.Remove(attribute);
        var json = "{" + string.Join(",", members.Select(m => $"\"{m.Key}\":\"{m.Value}\"")) + "}";

        var error = TestJson.SingleError(StrictJsonEventFormatter.Default.DecodeStructured(TestJson.Bytes(json)));

        Assert.Equal("$." + attribute, error.Path);
        Assert.Contains("missing", error.Message);
    }

    [Theory]
    [InlineData("{\"specversion\":\"\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}", "$.specversion")]
    [InlineData("{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}", "$.specversion")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"/s\",\"type\":\"t\"}", "$.id")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"\",\"type\":\"t\"}", "$.source")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"\"}", "$.type")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"subject\":\"\"}", "$.subject")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"datacontenttype\":\"\"}", "$.datacontenttype")]
    [InlineData("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"dataschema\":\"\"}", "$.dataschema")]
    public void Parse_EmptyOrUnsupportedValue_ReportsItsPath(string json, string path)
    {
        var error = TestJson.SingleError(StrictJsonEventFormatter.Default.DecodeStructured(TestJson.Bytes(json)));

        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData("\"id\":25", "$.id")]
    [InlineData("\"id\":{\"x\":1}", "$.id")]
    [InlineData("\"time\":true", "$.time")]
    [InlineData("\"subject\":[\"a\"]", "$.subject")]
    [InlineData("\"data_base64\":12", "$.data_base64")]
    public void Parse_WrongAttributeType_ReportsItsPath(string member, string path)
    {
        var json = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"," + member + "}";
        json = json.Replace("\"id\":\"1\",", member.StartsWith("\"id\"", StringComparison.Ordinal) ? "" : "\"id\":\"1\",", StringComparison.Ordinal);

        var error = TestJson.SingleError(StrictJsonEventFormatter.Default.DecodeStructured(TestJson.Bytes(json)));

        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData("\"dataschema\":\"/relative/schema\"")]
    [InlineData("\"datacontenttype\":\"xyz\"")]
    [InlineData("\"datacontenttype\":\"text/\"")]
    public void Parse_MalformedUriOrMediaType_IsRejected(string member)
    {
        var json = "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"t\"," + member + (member.Contains("source", StringComparison.Ordinal) ? "" : ",\"source\":\"/s\"") + "}";

        Assert.False(StrictJsonEventFormatter.Default.DecodeStructured(TestJson.Bytes(json)).IsValid);
    }

    [Theory]
    [InlineData("#fragment")]
    [InlineData("urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66")]
    [InlineData("//authority/path?q=1")]
    [InlineData("https://example.com/a%20b")]
    public void Parse_UriReferenceSource_IsAccepted(string source)
    {
        var json = "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"t\",\"source\":\"" + source + "\"}";

        var result = StrictJsonEventFormatter.Default.DecodeStructured(TestJson.Bytes(json));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(source, result.Event!.Source!.OriginalString);
    }

    [Fact]
    public void Parse_EveryError_IsReportedNotJustTheFirst()
    {
        var result = StrictJsonEventFormatter.Default.DecodeStructured(TestJson.Bytes("{\"specversion\":\"2.0\",\"id\":\"\",\"type\":7,\"time\":\"noon\"}"));

        Assert.Equal(["$.id", "$.source", "$.specversion", "$.time", "$.type"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }
}
