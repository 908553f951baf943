using System.Collections.ObjectModel;
using System.Text;

namespace Dashboard.CloudEvents.Tests;

internal static class SampleEvents
{
    public static CloudEvent Full(CloudEventData? data = null, string? dataContentType = "application/json") => new()
    {
        Id = "id-1",
        Source = "https://example.com/orders",
        Type = "com.example.order.created",
        DataContentType = dataContentType,
        DataSchema = "https://example.com/schemas/order.json",
        Subject = "Grüße \"quoted\" 100% €",
        Time = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-5)).AddTicks(1234567),
        Extensions = new ReadOnlyDictionary<string, object>(new OrderedDictionary<string, object>
        {
            ["traceparent"] = "00-abc-def-01",
            ["retries"] = 3,
            ["urgent"] = true,
        }),
        Data = data ?? CloudEventData.FromJson("{\"orderId\":42,\"note\":\"ünïcode\"}"),
    };

    /// <summary>Headers carry strings; declaring the typed extensions of <see cref="Full"/> restores their types.</summary>
    public static CloudEventReaderOptions HeaderOptions { get; } = new()
    {
        ExtensionTypes = new Dictionary<string, CloudEventAttributeType>
        {
            ["retries"] = CloudEventAttributeType.Integer,
            ["urgent"] = CloudEventAttributeType.Boolean,
        },
    };

    public static CloudEvent Binary() => Full(CloudEventData.FromBytes(new byte[] { 0, 1, 2, 250, 255 }), "application/octet-stream");

    public static CloudEvent Minimal(string id = "m-1") => new() { Id = id, Source = "/s", Type = "t" };

    public static CloudEvent Text() => Full(CloudEventData.FromBytes(Encoding.UTF8.GetBytes("plain text")), "text/plain");
}
