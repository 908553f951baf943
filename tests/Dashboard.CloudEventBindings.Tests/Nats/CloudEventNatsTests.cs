using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings.Tests.Nats;

public sealed class CloudEventNatsTests
{
    [Fact]
    public void EncodeBinary_ThenDecode_ReturnsAnEqualEvent()
    {
        var message = CloudEventNatsEncoder.EncodeBinary(SampleEvents.Full());

        var result = CloudEventNatsDecoder.Decode(message.Headers, message.Body, extensionAttributes: SampleEvents.HeaderExtensions);

        Assert.Null(message.ContentType);
        Assert.Contains(new KeyValuePair<string, string>("ce-datacontenttype", "application/json"), message.Headers);
        Assert.Equal(ContentMode.Binary, result.Mode);
        SdkEvents.AssertEqual(SampleEvents.Full(), Assert.Single(result.Events));
    }

    [Fact]
    public void EncodeStructured_ThenDecode_ReturnsAnEqualEvent()
    {
        var message = CloudEventNatsEncoder.EncodeStructured(SampleEvents.Binary());

        var result = CloudEventNatsDecoder.Decode([new("Content-Type", message.ContentType!)], message.Body, extensionAttributes: SampleEvents.HeaderExtensions);

        Assert.Equal(ContentMode.Structured, result.Mode);
        SdkEvents.AssertEqual(SampleEvents.Binary(), Assert.Single(result.Events));
    }

    [Fact]
    public void Decode_NoHeaders_ReadsTheStructuredJsonPayload()
    {
        var result = CloudEventNatsDecoder.Decode(null, TestJson.Event());

        Assert.True(result.IsValid);
        Assert.Equal(ContentMode.Structured, result.Mode);
    }

    [Fact]
    public void Decode_BinaryWithContentTypeOnly_UsesItAsDataContentType()
    {
        KeyValuePair<string, string>[] headers = [new("ce-specversion", "1.0"), new("ce-id", "1"), new("ce-source", "/s"), new("ce-type", "t"), new("content-type", "text/plain")];

        var result = CloudEventNatsDecoder.Decode(headers, TestJson.Bytes("hi"));

        Assert.Equal("text/plain", Assert.Single(result.Events).DataContentType);
    }

    [Fact]
    public void Decode_HeaderWithLineBreak_IsRejected()
    {
        KeyValuePair<string, string>[] headers = [new("ce-specversion", "1.0"), new("ce-id", "1\n"), new("ce-source", "/s"), new("ce-type", "t")];

        Assert.Equal("ce-id", Assert.Single(CloudEventNatsDecoder.Decode(headers, default).Errors).Path);
    }

    [Fact]
    public void Decode_OtherCloudEventsFormat_ReturnsUnsupported()
    {
        Assert.True(CloudEventNatsDecoder.Decode([new("Content-Type", "application/cloudevents+protobuf")], new byte[] { 1 }).IsUnsupported);
    }

    [Fact]
    public void Decode_DeclaredExtensionTypesFromHeaders_AreConverted()
    {
        CloudEventAttribute[] extensions = [CloudEventAttribute.CreateExtension("count", CloudEventAttributeType.Integer), CloudEventAttribute.CreateExtension("flag", CloudEventAttributeType.Boolean)];
        KeyValuePair<string, string>[] headers = [new("ce-specversion", "1.0"), new("ce-id", "1"), new("ce-source", "/s"), new("ce-type", "t"), new("ce-count", "-7"), new("ce-flag", "true")];

        var cloudEvent = Assert.Single(CloudEventNatsDecoder.Decode(headers, default, extensionAttributes: extensions).Events);

        Assert.Equal(-7, cloudEvent.Extensions()["count"]);
        Assert.Equal(true, cloudEvent.Extensions()["flag"]);
    }

    [Fact]
    public void EncodeStructured_DecodedByTheSdkFormatter_IsTheSameEvent()
    {
        var message = CloudEventNatsEncoder.EncodeStructured(SampleEvents.Full());

        var decoded = new CloudNative.CloudEvents.SystemTextJson.JsonEventFormatter()
            .DecodeStructuredModeMessage(message.Body, new System.Net.Mime.ContentType(message.ContentType!), [SampleEvents.Retries, SampleEvents.Urgent]);

        SdkEvents.AssertEqual(SampleEvents.Full(), decoded);
    }

    [Fact]
    public void EncodeBinary_DecodedWithOnlyTheSdksHelpers_IsTheSameEvent()
    {
        var message = CloudEventNatsEncoder.EncodeBinary(SampleEvents.Full());
        var decoded = new CloudEvent(CloudEventsSpecVersion.V1_0, [SampleEvents.Retries, SampleEvents.Urgent]);

        foreach (var (name, value) in message.Headers.Where(h => h.Key != "ce-specversion"))
        {
            decoded.SetAttributeFromString(CloudNative.CloudEvents.Http.HttpUtilities.GetAttributeNameFromHeaderName(name)!, CloudNative.CloudEvents.Http.HttpUtilities.DecodeHeaderValue(value));
        }

        new CloudNative.CloudEvents.SystemTextJson.JsonEventFormatter().DecodeBinaryModeEventData(message.Body, decoded);

        SdkEvents.AssertEqual(SampleEvents.Full(), decoded);
    }
}
