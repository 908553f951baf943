using System.Text;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings.Tests.Http;

public sealed class CloudEventHttpDecoderTests
{
    private static readonly KeyValuePair<string, string>[] _required =
    [
        new("ce-specversion", "1.0"), new("CE-ID", "1"), new("ce-Source", "/s"), new("ce-type", "t"),
    ];

    [Fact]
    public void Decode_BinaryMode_MapsHeadersContentTypeAndBody()
    {
        KeyValuePair<string, string>[] headers = [.. _required, new("ce-subject", "Euro%20%E2%82%AC%20%F0%9F%98%80"), new("ce-myext", "\"quoted value\""), new("Accept", "*/*")];

        var result = CloudEventHttpDecoder.Decode("application/json; charset=utf-8", headers, TestJson.Bytes("{\"a\":1}"));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(ContentMode.Binary, result.Mode);
        var cloudEvent = Assert.Single(result.Events);
        Assert.Equal("Euro € 😀", cloudEvent.Subject);
        Assert.Equal("quoted value", cloudEvent.Extensions()["myext"]);
        Assert.Equal("application/json; charset=utf-8", cloudEvent.DataContentType);
        Assert.True(cloudEvent!.DataIsJson());
        Assert.Equal("{\"a\":1}", cloudEvent.DataText());
    }

    [Fact]
    public void Decode_BinaryModeWithoutBody_HasNoData()
    {
        var result = CloudEventHttpDecoder.Decode(null, _required, ReadOnlyMemory<byte>.Empty);

        Assert.True(result.IsValid);
        Assert.Null(result.Events[0].Data);
        Assert.Null(result.Events[0].DataContentType);
    }

    [Fact]
    public void Decode_BinaryModeNonJsonBody_KeepsOpaqueBytes()
    {
        var result = CloudEventHttpDecoder.Decode("application/octet-stream", _required, new byte[] { 0xFF, 0x00 });

        Assert.False(result.Events[0]!.DataIsJson());
        Assert.Equal(new byte[] { 0xFF, 0x00 }, result.Events[0].DataBytes());
    }

    [Theory]
    [InlineData("ce-subject", "line1\r\nce-id: 2", "ce-subject")]
    [InlineData("ce-subject", "bad%zz", "ce-subject")]
    [InlineData("ce-subject", "%C0%A0", "ce-subject")]
    [InlineData("ce-time", "yesterday", "ce-time")]
    [InlineData("ce-Bad.Name", "x", "ce-bad.name")]
    [InlineData("ce-data", "x", "ce-data")]
    [InlineData("ce-id", "2", "ce-id")]
    public void Decode_BinaryModeBadHeader_ReportsTheHeader(string name, string value, string path)
    {
        var result = CloudEventHttpDecoder.Decode(null, [.. _required, new(name, value)], ReadOnlyMemory<byte>.Empty);

        Assert.False(result.IsValid);
        Assert.Equal(path, Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Decode_BinaryModeMissingAttributes_ReportsHeaderNames()
    {
        var result = CloudEventHttpDecoder.Decode("application/json", [new("ce-specversion", "1.0")], TestJson.Bytes("{}"));

        Assert.Equal(["ce-id", "ce-source", "ce-type"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Decode_BinaryModeJsonBodyWithDuplicateName_IsRejected()
    {
        var result = CloudEventHttpDecoder.Decode("application/json", _required, TestJson.Bytes("{\"a\":1,\"a\":2}"));

        Assert.Equal("$.a", Assert.Single(result.Errors).Path);
    }

    [Theory]
    [InlineData("application/cloudevents+json")]
    [InlineData("Application/CloudEvents+JSON; charset=UTF-8")]
    public void Decode_StructuredMode_ParsesTheBody(string contentType)
    {
        var result = CloudEventHttpDecoder.Decode(contentType, [], TestJson.Event());

        Assert.True(result.IsValid);
        Assert.Equal(ContentMode.Structured, result.Mode);
        Assert.Equal("e1", Assert.Single(result.Events).Id);
    }

    [Fact]
    public void Decode_StructuredModeInvalidEvent_ReturnsErrorsNotUnsupported()
    {
        var result = CloudEventHttpDecoder.Decode("application/cloudevents+json", [], TestJson.Bytes("{\"id\":1}"));

        Assert.Equal(ContentMode.Structured, result.Mode);
        Assert.False(result.IsValid);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Decode_BatchMode_ReturnsEveryEventOrNamesTheBadIndex()
    {
        var good = CloudEventHttpDecoder.Decode("application/cloudevents-batch+json", [], TestJson.Bytes("[{" + TestJson.Required + "},{" + TestJson.Required + "}]"));
        var bad = CloudEventHttpDecoder.Decode("application/cloudevents-batch+json", [], TestJson.Bytes("[{" + TestJson.Required + "},{}]"));

        Assert.Equal((true, 2), (good.IsBatch, good.Events.Count));
        Assert.All(bad.Errors, e => Assert.StartsWith("$[1].", e.Path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("application/cloudevents+xml")]
    [InlineData("application/cloudevents+json; charset=iso-8859-1")]
    [InlineData("application/cloudevents-batch+avro")]
    [InlineData("application/json")]
    [InlineData(null)]
    public void Decode_UnsupportedContent_ReturnsUnsupported(string? contentType)
    {
        var result = CloudEventHttpDecoder.Decode(contentType, [new("Authorization", "Bearer x")], TestJson.Event());

        Assert.True(result.IsUnsupported);
        Assert.False(result.IsValid);
        Assert.Single(result.Errors);
    }
}
