using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;

namespace Dashboard.CloudEventBindings.Tests;

/// <summary>Comparing and sending SDK events in tests: two events are equal when the SDK writes the same JSON for them.</summary>
internal static class SdkEvents
{
    public static CloudEvent New(string id, string source, string type, params (string Name, object Value)[] extensions)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0) { Id = id, Source = new Uri(source, UriKind.RelativeOrAbsolute), Type = type };
        foreach (var (name, value) in extensions)
        {
            cloudEvent[name] = value;
        }

        return cloudEvent;
    }

    /// <summary>The SDK's JSON for an event, its time as the UTC instant (equal instants are equal times).</summary>
    public static JsonNode Json(CloudEvent cloudEvent)
    {
        var json = JsonNode.Parse(StrictJsonEventFormatter.Default.ConvertToJsonElement(cloudEvent).GetRawText())!;
        if (cloudEvent.Time is { } time)
        {
            json["time"] = time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        return json;
    }

    public static void AssertEqual(CloudEvent expected, CloudEvent actual) =>
        Assert.True(JsonNode.DeepEquals(Json(expected), Json(actual)), $"expected {Json(expected).ToJsonString()}\nactual   {Json(actual).ToJsonString()}");

    public static void AssertEqual(IReadOnlyList<CloudEvent> expected, IReadOnlyList<CloudEvent> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            AssertEqual(expected[i], actual[i]);
        }
    }

    /// <summary>The SDK's own HTTP binding output for one event: Content-Type, headers, body.</summary>
    public static CloudEventMessage Http(CloudEvent cloudEvent, ContentMode mode)
    {
        using var content = cloudEvent.ToHttpContent(mode, StrictJsonEventFormatter.Default);
        var headers = content.Headers.Where(h => h.Key.StartsWith("ce-", StringComparison.OrdinalIgnoreCase))
            .Select(h => KeyValuePair.Create(h.Key, string.Join(",", h.Value))).ToList();
        return new CloudEventMessage(content.Headers.ContentType?.ToString(), headers, content.ReadAsByteArrayAsync().GetAwaiter().GetResult());
    }

    /// <summary>The text of JSON data, for comparing with <see cref="JsonNode.DeepEquals"/>.</summary>
    public static JsonNode? DataJson(CloudEvent cloudEvent) =>
        cloudEvent.Data is JsonElement element ? JsonNode.Parse(element.GetRawText()) : null;
}

/// <summary>Test views of an SDK event: typed extensions and the stored form of its data.</summary>
internal static class CloudEventTestViews
{
    public static Dictionary<string, object> Extensions(this CloudEvent cloudEvent) => cloudEvent.GetPopulatedAttributes()
        .Where(a => a.Key.IsExtension)
        .ToDictionary(a => a.Key.Name, a => a.Value is bool or int or string ? a.Value : a.Key.Format(a.Value));

    /// <summary>True when the data is JSON: a <see cref="JsonElement"/>, or bytes of a JSON datacontenttype.</summary>
    public static bool DataIsJson(this CloudEvent cloudEvent) =>
        cloudEvent.Data is JsonElement || (cloudEvent.Data is byte[] && CloudEventMediaTypes.IsJson(cloudEvent.DataContentType));

    /// <summary>The data as bytes: JSON text for a <see cref="JsonElement"/>, UTF-8 for a string, the bytes themselves.</summary>
    public static byte[] DataBytes(this CloudEvent cloudEvent) => cloudEvent.Data switch
    {
        JsonElement element => System.Text.Encoding.UTF8.GetBytes(element.GetRawText()),
        string text => System.Text.Encoding.UTF8.GetBytes(text),
        byte[] bytes => bytes,
        _ => [],
    };

    public static string DataText(this CloudEvent cloudEvent) => System.Text.Encoding.UTF8.GetString(cloudEvent.DataBytes());
}
