using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents.Http;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>Turns a conformance vector (an event in the JSON format) into an HTTP request body in structured or binary mode.</summary>
internal static class VectorRequests
{
    /// <summary>The vector with its id made unique for this post, so that each post is stored rather than answered as a duplicate.</summary>
    public static JsonObject WithId(JsonElement vector, string suffix)
    {
        var json = JsonNode.Parse(vector.GetRawText())!.AsObject();
        if (json["id"] is JsonValue id && id.TryGetValue<string>(out var text))
        {
            json["id"] = $"{text}-{suffix}";
        }

        return json;
    }

    public static HttpContent Structured(JsonNode json, string mediaType = "application/cloudevents+json") =>
        new StringContent(json.ToJsonString(), Encoding.UTF8, mediaType);

    /// <summary>Binary mode: each attribute as a percent-encoded ce- header, datacontenttype as Content-Type, data as the body.</summary>
    public static HttpContent Binary(JsonObject json)
    {
        string? contentType = null;
        byte[] body = [];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in json)
        {
            if (value is null)
            {
                continue;
            }

            switch (name)
            {
                case "datacontenttype":
                    contentType = value.GetValue<string>();
                    break;
                case "data_base64":
                    body = Convert.FromBase64String(value.GetValue<string>());
                    break;
                case "data":
                    body = value.GetValueKind() == JsonValueKind.String && !IsJson(json["datacontenttype"]?.GetValue<string>())
                        ? Encoding.UTF8.GetBytes(value.GetValue<string>())
                        : Encoding.UTF8.GetBytes(value.ToJsonString());
                    break;
                default:
                    var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                    headers.Add(new("ce-" + name, HttpUtilities.EncodeHeaderValue(text)));
                    break;
            }
        }

        if (json["data"] is not null && contentType is null)
        {
            contentType = "application/json";
        }

        var content = new ByteArrayContent(body);
        foreach (var (name, value) in headers)
        {
            content.Headers.TryAddWithoutValidation(name, value);
        }

        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private static bool IsJson(string? contentType) => contentType is null || contentType.Contains("json", StringComparison.OrdinalIgnoreCase);
}
