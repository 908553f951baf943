using CloudNative.CloudEvents.Core;

namespace Dashboard.CloudEventBindings;

/// <summary>
/// Which format and charset a message uses, read from spans of the header value: the SDK's <see cref="MimeUtilities"/>
/// go through <c>System.Net.Mime.ContentType</c>, which allocates on every message and throws for a malformed value.
/// </summary>
public static class CloudEventMediaTypes
{
    /// <summary>A single event in the JSON format.</summary>
    public static string Structured { get; } = MimeUtilities.MediaType + "+json";

    /// <summary>A batch in the JSON format.</summary>
    public static string Batch { get; } = MimeUtilities.BatchMediaType + "+json";

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
        return charset.IsEmpty || IsUtf8(charset);
    }

    internal static bool IsUtf8(ReadOnlySpan<char> charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
