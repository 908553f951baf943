using System.Text;

namespace Dashboard.CloudEvents.Tests.Http;

public sealed class CloudEventHttpEncoderTests
{
    [Theory]
    [InlineData("full")]
    [InlineData("binary")]
    [InlineData("text")]
    public void EncodeBinary_ThenDecode_ReturnsAnEqualEvent(string name)
    {
        var original = name switch { "full" => SampleEvents.Full(), "binary" => SampleEvents.Binary(), _ => SampleEvents.Text() };

        var message = CloudEventHttpEncoder.EncodeBinary(original);
        var result = CloudEventHttpDecoder.Decode(message.ContentType, message.Headers, message.Body, SampleEvents.HeaderOptions);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(original, Assert.Single(result.Events));
    }

    [Fact]
    public void EncodeBinary_StringAttributes_ArePercentEncodedPrintableAscii()
    {
        var message = CloudEventHttpEncoder.EncodeBinary(SampleEvents.Full());

        Assert.All(message.Headers, h => Assert.True(h.Value.All(c => c is > ' ' and < (char)0x7F and not '"'), h.Value));
        Assert.Contains(new KeyValuePair<string, string>("ce-subject", "Gr%C3%BC%C3%9Fe%20%22quoted%22%20100%25%20%E2%82%AC"), message.Headers);
        Assert.Contains(new KeyValuePair<string, string>("ce-retries", "3"), message.Headers);
        Assert.Equal("application/json", message.ContentType);
    }

    [Fact]
    public void EncodeBinary_ThenDecodeWithoutDeclaredTypes_GivesStringExtensions()
    {
        var message = CloudEventHttpEncoder.EncodeBinary(SampleEvents.Full());

        var cloudEvent = Assert.Single(CloudEventHttpDecoder.Decode(message.ContentType, message.Headers, message.Body).Events);

        Assert.Equal(new object[] { "00-abc-def-01", "3", "true" }, cloudEvent.Extensions.Values);
    }

    [Fact]
    public void EncodeBinary_JsonStringDataWithTextContentType_SendsTheText()
    {
        var cloudEvent = new CloudEvent { Id = "1", Source = "/s", Type = "t", DataContentType = "text/plain", Data = CloudEventData.FromJson("\"héllo\\n\"") };

        var message = CloudEventHttpEncoder.EncodeBinary(cloudEvent);

        Assert.Equal("héllo\n", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Fact]
    public void EncodeStructured_ThenDecode_ReturnsAnEqualEvent()
    {
        var message = CloudEventHttpEncoder.EncodeStructured(SampleEvents.Full());
        var result = CloudEventHttpDecoder.Decode(message.ContentType, message.Headers, message.Body);

        Assert.Equal(CloudEventContentMode.Structured, result.Mode);
        Assert.Equal(SampleEvents.Full(), Assert.Single(result.Events));
    }

    [Fact]
    public void EncodeBatch_ThenDecode_ReturnsEqualEvents()
    {
        CloudEvent[] events = [SampleEvents.Full(), SampleEvents.Binary(), SampleEvents.Minimal()];

        var message = CloudEventHttpEncoder.EncodeBatch(events);
        var result = CloudEventHttpDecoder.Decode(message.ContentType, message.Headers, message.Body);

        Assert.Equal(CloudEventContentMode.Batch, result.Mode);
        Assert.Equal(events, result.Events);
    }
}
