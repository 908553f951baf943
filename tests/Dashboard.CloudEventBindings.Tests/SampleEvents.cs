using System.Text.Json;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings.Tests;

internal static class SampleEvents
{
    public static CloudEventAttribute Retries { get; } = CloudEventAttribute.CreateExtension("retries", CloudEventAttributeType.Integer);

    public static CloudEventAttribute Urgent { get; } = CloudEventAttribute.CreateExtension("urgent", CloudEventAttributeType.Boolean);

    public static CloudEvent Full(object? data = null, string? dataContentType = "application/json")
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [Retries, Urgent])
        {
            Id = "id-1",
            Source = new Uri("https://example.com/orders"),
            Type = "com.example.order.created",
            DataContentType = dataContentType,
            DataSchema = new Uri("https://example.com/schemas/order.json"),
            Subject = "Grüße \"quoted\" 100% €",
            Time = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(-5)).AddTicks(1234567),
            Data = data ?? JsonDocument.Parse("{\"orderId\":42,\"note\":\"ünïcode\"}").RootElement.Clone(),
        };
        cloudEvent["traceparent"] = "00-abc-def-01";
        cloudEvent[Retries] = 3;
        cloudEvent[Urgent] = true;
        return cloudEvent;
    }

    /// <summary>Headers carry strings; declaring the typed extensions of <see cref="Full"/> restores their types.</summary>
    public static IReadOnlyList<CloudEventAttribute> HeaderExtensions { get; } = [Retries, Urgent];

    public static CloudEvent Binary() => Full(new byte[] { 0, 1, 2, 250, 255 }, "application/octet-stream");

    public static CloudEvent Minimal(string id = "m-1") => SdkEvents.New(id, "/s", "t");

    public static CloudEvent Text() => Full("plain text", "text/plain");
}
