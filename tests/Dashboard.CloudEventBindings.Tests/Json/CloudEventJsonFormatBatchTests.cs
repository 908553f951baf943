namespace Dashboard.CloudEventBindings.Tests.Json;

public sealed class CloudEventJsonFormatBatchTests
{
    private static readonly string _event = "{" + TestJson.Required + "}";

    [Fact]
    public void ParseBatch_ValidEvents_ReturnsThemInOrder()
    {
        var json = $"[{_event},{_event.Replace("e1", "e2", StringComparison.Ordinal)}]";

        var result = StrictJsonEventFormatter.Default.DecodeBatch(TestJson.Bytes(json));

        Assert.True(result.IsValid);
        Assert.Equal(["e1", "e2"], result.Events.Select(e => e.Id));
    }

    [Fact]
    public void ParseBatch_EmptyArray_IsValidAndEmpty()
    {
        var result = StrictJsonEventFormatter.Default.DecodeBatch(TestJson.Bytes("[]"));

        Assert.True(result.IsValid);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void ParseBatch_InvalidEvent_NamesItsIndex()
    {
        var json = $"[{_event},{_event},{_event},{{\"specversion\":\"1.0\",\"source\":\"/s\",\"type\":\"t\",\"time\":\"x\"}}]";

        var result = StrictJsonEventFormatter.Default.DecodeBatch(TestJson.Bytes(json));

        Assert.False(result.IsValid);
        Assert.Equal(["$[3].id", "$[3].time"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(3, result.Events.Count);
    }

    [Fact]
    public void ParseBatch_NonObjectElement_NamesItsIndex()
    {
        var result = StrictJsonEventFormatter.Default.DecodeBatch(TestJson.Bytes($"[\"not an object\",{_event}]"));

        Assert.Equal("$[0]", Assert.Single(result.Errors).Path);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("\"x\"")]
    public void ParseBatch_NotAnArray_IsRejectedAtRoot(string json)
    {
        Assert.Equal("$", Assert.Single(StrictJsonEventFormatter.Default.DecodeBatch(TestJson.Bytes(json)).Errors).Path);
    }

    [Fact]
    public void ParseBatch_DuplicateInsideSecondEvent_ReportsFullPath()
    {
        var json = $"[{_event},{{{TestJson.Required},\"data\":{{\"a\":{{\"x\":1,\"x\":1}}}}}}]";

        Assert.Equal("$[1].data.a.x", Assert.Single(StrictJsonEventFormatter.Default.DecodeBatch(TestJson.Bytes(json)).Errors).Path);
    }
}
