using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings.Tests.Amqp;

public sealed class CloudEventAmqpDecoderTests
{
    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Decode_StructuredContentType_ReadsTheEvent()
    {
        var result = CloudEventAmqpDecoder.Decode("application/cloudevents+json; charset=utf-8", [],
            Utf8("""{"specversion":"1.0","id":"1","source":"/s","type":"t"}"""));

        Assert.Equal(ContentMode.Structured, result.Mode);
        Assert.Equal("1", Assert.Single(result.Events).Id);
    }

    [Fact]
    public void Decode_BothPropertyPrefixes_BinaryModeWithContentTypeAsDataContentType()
    {
        var result = CloudEventAmqpDecoder.Decode("application/json",
            [new("cloudEvents:specversion", "1.0"), new("cloudEvents:id", "100%"), new("cloudEvents_source", "/s"), new("cloudEvents:type", "t"), new("other", "x")],
            Utf8("""{"a":1}"""));

        Assert.Equal(ContentMode.Binary, result.Mode);
        var cloudEvent = Assert.Single(result.Events);
        Assert.Equal("100%", cloudEvent.Id);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal(1, ((JsonElement)cloudEvent.Data!).GetProperty("a").GetInt32());
    }

    [Fact]
    public void Decode_BinaryMissingType_ErrorNamesTheApplicationProperty()
    {
        var result = CloudEventAmqpDecoder.Decode(null, [new("cloudEvents:specversion", "1.0"), new("cloudEvents:id", "1"), new("cloudEvents:source", "/s")], Utf8(""));

        Assert.Contains(result.Errors, e => e.Path == "cloudEvents:type");
    }

    [Fact]
    public void Decode_OtherContentTypeWithoutProperties_Unsupported()
    {
        var result = CloudEventAmqpDecoder.Decode("application/xml", [], Utf8("<a/>"));

        Assert.True(result.IsUnsupported);
        Assert.Contains("application/xml", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_JsonWithoutMarkers_ReadAsStructuredAndInvalidWhenNotAnEvent()
    {
        var result = CloudEventAmqpDecoder.Decode("application/json", [], Utf8("""{"plain":true}"""));

        Assert.False(result.IsUnsupported);
        Assert.NotEmpty(result.Errors);
    }
}
