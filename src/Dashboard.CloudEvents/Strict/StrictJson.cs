using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Dashboard.CloudEvents;

/// <summary>
/// The JSON rules the SDK does not enforce, reported with their JSON paths: duplicate member names (found by
/// System.Text.Json; the path added here), invalid UTF-8 and lone surrogate escapes in strings and member names.
/// </summary>
internal static class StrictJson
{
    /// <summary>
    /// Parses with the configured depth and without duplicate member names (<see cref="JsonDocumentOptions.AllowDuplicateProperties"/>);
    /// returns null and adds one error when the text is not JSON. System.Text.Json names a duplicate but not its path (and
    /// cannot compare names with a lone surrogate escape), so such a document is parsed again allowing duplicates and
    /// <paramref name="namesRepeat"/> asks <see cref="Check"/> for the walk that reports each one with its path.
    /// </summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> utf8Json, CloudEventReaderOptions options, string path, List<CloudEventError> errors, out bool namesRepeat)
    {
        namesRepeat = false;
        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            errors.Add(new(path, "invalid JSON: a byte order mark is not allowed; send UTF-8 without one"));
            return null;
        }

        var documentOptions = options.DocumentOptions;
        try
        {
            return JsonDocument.Parse(utf8Json, documentOptions);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            documentOptions.AllowDuplicateProperties = true;
        }

        try
        {
            var document = JsonDocument.Parse(utf8Json, documentOptions);
            namesRepeat = true;
            return document;
        }
        catch (JsonException ex)
        {
            errors.Add(new(path, "invalid JSON: " + ex.Message));
            return null;
        }
    }

    /// <summary>Walks <paramref name="element"/> and adds an error for each bad string, and each duplicate name when <paramref name="namesRepeat"/>.</summary>
    /// <remarks>
    /// A valid document (the common case) is confirmed by an allocation-free pass over the raw UTF-8 tokens; only a
    /// document that pass cannot confirm is walked again to build the errors and their JSON paths.
    /// </remarks>
    public static void Check(JsonElement element, string path, bool namesRepeat, List<CloudEventError> errors)
    {
        if (namesRepeat || !IsClean(element))
        {
            CheckWithPaths(element, path, errors);
        }
    }

    /// <summary>True when every string and member name is valid UTF-8 whose \u escapes pair every surrogate.</summary>
    private static bool IsClean(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (CheckString(JsonMarshal.GetRawUtf8PropertyName(property)) is not null || !IsClean(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsClean(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.String:
                return CheckString(JsonMarshal.GetRawUtf8Value(element)[1..^1]) is null;
            default:
                return true;
        }
    }

    private static void CheckWithPaths(JsonElement element, string path, List<CloudEventError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? names = null;
                foreach (var property in element.EnumerateObject())
                {
                    if (CheckString(JsonMarshal.GetRawUtf8PropertyName(property)) is { } nameProblem)
                    {
                        errors.Add(new(path + "[?]", nameProblem + " in a member name"));
                        continue;
                    }

                    var memberPath = Member(path, property.Name);

                    names ??= new HashSet<string>(StringComparer.Ordinal);
                    if (!names.Add(property.Name))
                    {
                        errors.Add(new(memberPath, $"duplicate member name '{property.Name}'"));
                    }

                    CheckWithPaths(property.Value, memberPath, errors);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckWithPaths(item, $"{path}[{index++}]", errors);
                }

                break;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element);
                if (CheckString(raw[1..^1]) is { } problem)
                {
                    errors.Add(new(path, problem));
                }

                break;
        }
    }

    /// <summary>The value of a string token, or null when it cannot be read (bad UTF-8 or surrogates, reported by <see cref="Check"/>).</summary>
    public static string? TryGetString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The path of a member: <c>$.name</c>, or <c>$['odd name']</c> when the name is not a plain identifier.</summary>
    public static string Member(string path, string name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
            }
        }

        return name.Length == 0 ? $"{path}['']" : $"{path}.{name}";
    }

    /// <summary>An error message, or null when the raw token text is valid UTF-8 whose \u escapes pair every surrogate.</summary>
    private static string? CheckString(ReadOnlySpan<byte> raw)
    {
        if (!Utf8.IsValid(raw))
        {
            return "invalid UTF-8";
        }

        return raw.IndexOf((byte)'\\') >= 0 && !SurrogateEscapesArePaired(raw) ? "lone surrogate in a \\u escape" : null;
    }

    private static bool SurrogateEscapesArePaired(ReadOnlySpan<byte> raw)
    {
        var expectLow = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var isUnicodeEscape = raw[i] == (byte)'\\' && raw[i + 1] == (byte)'u';
            if (!isUnicodeEscape)
            {
                if (expectLow)
                {
                    return false;
                }

                i += raw[i] == (byte)'\\' ? 1 : 0;
                continue;
            }

            var unit = Hex(raw.Slice(i + 2, 4));
            i += 5;
            var isHigh = unit is >= 0xD800 and <= 0xDBFF;
            var isLow = unit is >= 0xDC00 and <= 0xDFFF;
            if (isLow != expectLow)
            {
                return false;
            }

            expectLow = isHigh;
        }

        return !expectLow;
    }

    private static int Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var d in digits)
        {
            value = (value << 4) | (d <= '9' ? d - '0' : (d | 0x20) - 'a' + 10);
        }

        return value;
    }
}
