using System.Net.Http.Headers;
using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;

namespace Dashboard.CloudEventBindings.Tests.Json;

/// <summary>The strict formatter through the SDK's own entry points: bad input throws an ArgumentException listing every error.</summary>
public sealed class StrictJsonEventFormatterSdkTests
{
    private static readonly ContentType _structured = new("application/cloudevents+json");

    [Fact]
    public void DecodeStructuredModeMessage_SeveralProblems_ThrowsArgumentExceptionWithEveryPath()
    {
        var body = TestJson.Bytes("{" + TestJson.Required + ",\"time\":\"noon\",\"thisextensionnameistoolong\":\"x\"}");

        var error = Assert.Throws<InvalidCloudEventException>(() => StrictJsonEventFormatter.Default.DecodeStructuredModeMessage(body, _structured, null));

        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Equal(["$.thisextensionnameistoolong", "$.time"], error.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ToCloudEventAsync_SdkHttpResponseWithDuplicateKey_PlainSdkAcceptsStrictRejects()
    {
        var json = "{" + TestJson.Required + ",\"type\":\"other\"}";

        using var plainResponse = Response(json);
        using var strictResponse = Response(json);

        var plain = await plainResponse.ToCloudEventAsync(new JsonEventFormatter());
        var error = await Assert.ThrowsAsync<InvalidCloudEventException>(() => strictResponse.ToCloudEventAsync(StrictJsonEventFormatter.Default));

        Assert.Equal("other", plain.Type);
        Assert.Equal("$.type", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void DecodeBatchModeMessage_ValidBatchOrLatin1Charset_ReturnsEventsOrThrows()
    {
        var body = TestJson.Bytes("[{" + TestJson.Required + "},{" + TestJson.Required + "}]");

        var events = StrictJsonEventFormatter.Default.DecodeBatchModeMessage(body, new ContentType("application/cloudevents-batch+json"), null);
        var error = Assert.Throws<InvalidCloudEventException>(
            () => StrictJsonEventFormatter.Default.DecodeBatchModeMessage(body, new ContentType("application/cloudevents-batch+json; charset=iso-8859-1"), null));

        Assert.Equal(2, events.Count);
        Assert.Equal("Content-Type", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public void DecodeBinaryModeEventData_JsonDataWithDuplicateOrValid_ThrowsOrSetsElement()
    {
        var bad = new CloudEvent { DataContentType = "application/json" };
        var good = new CloudEvent { DataContentType = "application/json" };

        var error = Assert.Throws<InvalidCloudEventException>(() => StrictJsonEventFormatter.Default.DecodeBinaryModeEventData(TestJson.Bytes("{\"a\":1,\"a\":2}"), bad));
        StrictJsonEventFormatter.Default.DecodeBinaryModeEventData(TestJson.Bytes("{\"a\":1}"), good);

        Assert.Equal("$.a", Assert.Single(error.Errors).Path);
        Assert.Null(bad.Data);
        Assert.Equal(1, Assert.IsType<JsonElement>(good.Data).GetProperty("a").GetInt32());
    }

    private static HttpResponseMessage Response(string json)
    {
        var content = new ByteArrayContent(TestJson.Bytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents+json");
        return new HttpResponseMessage { Content = content };
    }
}
