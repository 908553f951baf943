using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Dashboard.CloudEvents;

/// <summary>
/// The JSON rules the SDK does not enforce, checked over a parsed document so that every problem is reported with
/// its JSON path: duplicate member names, invalid UTF-8 and lone surrogate escapes in strings and member names.
/// </summary>
internal static class StrictJson
{
    /// <summary>Parses with the configured depth; returns null and adds one error when the text is not JSON.</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> utf8Json, CloudEventReaderOptions options, string path, List<CloudEventError> errors)
    {
        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            errors.Add(new(path, "invalid JSON: a byte order mark is not allowed; send UTF-8 without one"));
            return null;
        }

        try
        {
            return JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = options.MaxDepth });
        }
        catch (JsonException ex)
        {
            errors.Add(new(path, "invalid JSON: " + ex.Message));
            return null;
        }
    }

    /// <summary>Objects with more members than this skip the allocation-free pass and go straight to the full check.</summary>
    private const int MaxPairwiseMembers = 32;

    /// <summary>Walks <paramref name="element"/> and adds an error for each duplicate name and each bad string.</summary>
    /// <remarks>
    /// A valid document (the common case) is confirmed by an allocation-free pass over the raw UTF-8 tokens; only a
    /// document that pass cannot confirm is walked again to build the errors and their JSON paths.
    /// </remarks>
    public static void Check(JsonElement element, string path, List<CloudEventError> errors)
    {
        if (!IsClean(element))
        {
            CheckWithPaths(element, path, errors);
        }
    }

    /// <summary>
    /// True when <see cref="CheckWithPaths"/> would report nothing: every string valid, no member name escaped or invalid,
    /// no two raw member names equal in one object. Escaped or invalid names and very large objects answer false, so the
    /// full check decides them (an escaped name can equal an unescaped one).
    /// </summary>
    private static bool IsClean(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var count = 0;
                foreach (var property in element.EnumerateObject())
                {
                    var name = JsonMarshal.GetRawUtf8PropertyName(property);
                    if (++count > MaxPairwiseMembers || name.IndexOf((byte)'\\') >= 0 || !Utf8.IsValid(name) || !IsClean(property.Value))
                    {
                        return false;
                    }
                }

                return count < 2 || NamesAreDistinct(element);
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

    private static bool NamesAreDistinct(JsonElement element)
    {
        var index = 0;
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            var earlier = 0;
            foreach (var other in element.EnumerateObject())
            {
                if (earlier++ == index)
                {
                    break;
                }

                if (name.SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(other)))
                {
                    return false;
                }
            }

            index++;
        }

        return true;
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
