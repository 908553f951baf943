using System.Text.Encodings.Web;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Core;
using CloudNative.CloudEvents.SystemTextJson;

namespace Dashboard.CloudEventBindings;

/// <summary>
/// The SDK's JSON event format as the project uses it, and the media types it reads and writes. The media-type helpers
/// read spans of the header value: the SDK's <see cref="MimeUtilities"/> go through <c>System.Net.Mime.ContentType</c>,
/// which allocates on every message and throws for a malformed value.
/// </summary>
public static class CloudEventFormats
{
    /// <summary>A single event in the JSON format.</summary>
    public static string MediaType { get; } = MimeUtilities.MediaType + "+json";

    /// <summary>A batch in the JSON format.</summary>
    public static string BatchMediaType { get; } = MimeUtilities.BatchMediaType + "+json";

    private static readonly JsonSerializerOptions _serializer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The SDK formatter: it writes every event, and reads an event once the strict checks have passed
    /// (<see cref="JsonEventFormatter.ConvertFromJsonElement"/>) and non-JSON binary-mode data.
    /// </summary>
    public static JsonEventFormatter Json { get; } = new(_serializer, new JsonDocumentOptions { MaxDepth = CloudEventReaderOptions.MaxDepthLimit, AllowDuplicateProperties = false });

    /// <summary>The CloudEvents 1.0 attributes, from the SDK.</summary>
    public static CloudEventsSpecVersion V1 => CloudEventsSpecVersion.V1_0;

    /// <summary>True for application/json, text/json and any <c>+json</c> structured suffix.</summary>
    public static bool IsJson(string? contentType)
    {
        var essence = Essence(contentType);
        return essence.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || essence.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || essence.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The SDK formatter's own rule for JSON <c>data</c> in the JSON format (its protected <c>IsJsonMediaType</c>): a media
    /// type ending in <c>/json</c> or <c>+json</c>.
    /// </summary>
    internal static bool IsSdkJson(string contentType)
    {
        var essence = Essence(contentType);
        return essence.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || essence.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The <c>type/subtype</c> part of a media type, trimmed; empty for null.</summary>
    public static ReadOnlySpan<char> Essence(string? contentType)
    {
        if (contentType is null)
        {
            return [];
        }

        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim(' ');
    }

    /// <summary>The charset parameter's value, or empty when there is none.</summary>
    public static ReadOnlySpan<char> Charset(string? contentType)
    {
        var rest = contentType.AsSpan();
        int semicolon;
        while ((semicolon = rest.IndexOf(';')) >= 0)
        {
            rest = rest[(semicolon + 1)..];
            var end = rest.IndexOf(';');
            var parameter = (end < 0 ? rest : rest[..end]).Trim(' ');
            if (parameter.StartsWith("charset=", StringComparison.OrdinalIgnoreCase))
            {
                return parameter["charset=".Length..].Trim('"');
            }
        }

        return [];
    }

    /// <summary>True when the charset is absent or UTF-8, the only one the project reads.</summary>
    public static bool IsUtf8OrNoCharset(string? contentType)
    {
        var charset = Charset(contentType);
        return charset.IsEmpty || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
