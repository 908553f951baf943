using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Dashboard.Runtime.Events;

namespace Dashboard.Tests.Events;

/// <summary>A plain broker message wrapped into a structured CloudEvent that the SDK's own JSON format reads back unchanged.</summary>
public sealed class CloudEventWrapperTests
{
    private static readonly JsonEventFormatter _sdkFormat = new();

    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Wrap_JsonPayload_BecomesJsonDataTheSdkDecodes()
    {
        var wrapped = CloudEventWrapper.Wrap("m-1", "nats://orders", "com.example.order", At, """{"orderId":"A-1","qty":2}"""u8, "text/plain");

        var decoded = _sdkFormat.DecodeStructuredModeMessage(wrapped, null, null);

        Assert.Equal("m-1", decoded.Id);
        Assert.Equal("nats://orders", decoded.Source!.OriginalString);
        Assert.Equal("com.example.order", decoded.Type);
        Assert.Equal(At.ToUniversalTime(), decoded.Time);
        Assert.Equal("application/json", decoded.DataContentType);
        var data = Assert.IsType<JsonElement>(decoded.Data);
        Assert.Equal("A-1", data.GetProperty("orderId").GetString());
        Assert.Equal(CloudEventsSpecVersion.V1_0, decoded.SpecVersion);
    }

    [Fact]
    public void Wrap_BinaryPayload_BecomesDataBase64WithItsContentType()
    {
        var payload = new byte[] { 0, 1, 2, 254, 255 };

        var wrapped = CloudEventWrapper.Wrap("m-2", "amqp://queue", "com.example.blob", At, payload, "application/x-thing");

        using var json = JsonDocument.Parse(wrapped);
        Assert.Equal(Convert.ToBase64String(payload), json.RootElement.GetProperty("data_base64").GetString());
        Assert.False(json.RootElement.TryGetProperty("data", out _));
        var decoded = _sdkFormat.DecodeStructuredModeMessage(wrapped, null, null);
        Assert.Equal("application/x-thing", decoded.DataContentType);
        Assert.Equal(payload, Assert.IsType<byte[]>(decoded.Data));
    }

    [Fact]
    public void Wrap_TextWithoutContentType_IsOctetStream()
    {
        var wrapped = CloudEventWrapper.Wrap("m-3", "nats://logs", "com.example.line", At, Encoding.UTF8.GetBytes("not json {"), null);

        var decoded = _sdkFormat.DecodeStructuredModeMessage(wrapped, null, null);

        Assert.Equal("application/octet-stream", decoded.DataContentType);
        Assert.Equal("not json {", Encoding.UTF8.GetString(Assert.IsType<byte[]>(decoded.Data)));
    }

    [Fact]
    public void Wrap_EmptyPayload_HasNoData()
    {
        var wrapped = CloudEventWrapper.Wrap("m-4", "nats://pings", "com.example.ping", At, [], null);

        var decoded = _sdkFormat.DecodeStructuredModeMessage(wrapped, null, null);

        Assert.Null(decoded.Data);
        Assert.Null(decoded.DataContentType);
    }
}
