using Dashboard.Web.Features.Activity;
using Dashboard.Web.Features.Events;

namespace Dashboard.Tests.Streaming;

public sealed class ExportAndSearchTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("plain", "plain")]
    [InlineData(null, "")]
    public void Cell_DangerousOrSpecialText_IsNeutralisedAndQuoted(string? value, string expected) =>
        Assert.Equal(expected, ActivityExport.Cell(value));

    [Theory]
    [InlineData("$.orderId = \"A-1\"", "$.orderId", "A-1")]
    [InlineData("$.qty=2", "$.qty", 2L)]
    [InlineData("$.ok = true", "$.ok", 1L)]
    [InlineData("$.items[0].sku = abc", "$.items[0].sku", "abc")]
    [InlineData("$.\"odd key\" = 1.5", "$.\"odd key\"", 1.5)]
    public void TryParsePayload_ValidFilter_SplitsPathAndValue(string payload, string path, object value)
    {
        Assert.True(new EventSearchFilter { Payload = payload }.TryParsePayload(out var parsedPath, out var parsedValue, out _));
        Assert.Equal(path, parsedPath);
        Assert.Equal(value, parsedValue);
    }

    [Theory]
    [InlineData("orderId = 1")]
    [InlineData("$.a' OR 1=1 -- = 1")]
    [InlineData("$.a")]
    public void TryParsePayload_BadFilter_IsRefused(string payload) =>
        Assert.False(new EventSearchFilter { Payload = payload }.TryParsePayload(out _, out _, out _));
}
