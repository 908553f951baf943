using System.Globalization;
using System.Text.RegularExpressions;

namespace Dashboard.Web.Features.Events;

/// <summary>
/// A search over stored events, as it appears in the URL (<c>/events?type=...&amp;payload=$.orderId%3DA-1</c>) so a view can
/// be bookmarked and shared. Text fields match exactly or, ending with <c>*</c>, by prefix.
/// </summary>
public sealed partial record EventSearchFilter
{
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public long? DefinitionId { get; init; }
    public string? Type { get; init; }
    public string? Source { get; init; }
    public string? Subject { get; init; }
    public string? Id { get; init; }
    public string? Outcome { get; init; }

    /// <summary><c>$.path = value</c>: value is a JSON literal (<c>"text"</c>, <c>42</c>, <c>true</c>, <c>null</c>) or bare text.</summary>
    public string? Payload { get; init; }

    [GeneratedRegex("""^\$(\.[A-Za-z_][A-Za-z0-9_-]*|\."[^"'\\]+"|\[\d{1,6}\])+$""")]
    private static partial Regex JsonPathPattern();

    /// <summary>Splits <see cref="Payload"/> into a JSON path and an SQL value; the path is validated so it can be inlined.</summary>
    public bool TryParsePayload(out string path, out object? value, out string? error)
    {
        path = "";
        value = null;
        error = null;
        if (string.IsNullOrWhiteSpace(Payload))
        {
            error = "empty";
            return false;
        }

        var at = Payload.IndexOf('=', StringComparison.Ordinal);
        if (at < 0)
        {
            error = "Write the payload filter as $.path = value.";
            return false;
        }

        path = Payload[..at].Trim();
        if (!JsonPathPattern().IsMatch(path) || path.Length > 200)
        {
            error = $"'{path}' is not a JSON path like $.order.id or $.items[0].sku.";
            return false;
        }

        value = ParseValue(Payload[(at + 1)..].Trim());
        return true;
    }

    private static object? ParseValue(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<string>(text);
            }
            catch (System.Text.Json.JsonException)
            {
                return text[1..^1];
            }
        }

        return text switch
        {
            "null" => null,
            "true" => 1L,
            "false" => 0L,
            _ when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) => whole,
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => real,
            _ => text,
        };
    }

    /// <summary>The query-string form (empty members left out).</summary>
    public IReadOnlyDictionary<string, object?> ToQuery() => new Dictionary<string, object?>
    {
        ["from"] = From?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["definition"] = DefinitionId,
        ["type"] = Blank(Type),
        ["source"] = Blank(Source),
        ["subject"] = Blank(Subject),
        ["id"] = Blank(Id),
        ["outcome"] = Blank(Outcome),
        ["payload"] = Blank(Payload),
    };

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
