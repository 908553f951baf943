using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace Dashboard.CloudEventBindings;

/// <summary>
/// The JSON rules the SDK does not enforce, reported with their JSON paths: duplicate member names (found by
/// System.Text.Json; the path added here), invalid UTF-8 and lone surrogate escapes in strings and member names.
/// </summary>
internal static class StrictJson
{
    private const string InvalidUtf8 = "invalid UTF-8";

    private const string LoneSurrogate = "lone surrogate in a \\u escape";

    /// <summary>
    /// Parses with the configured depth and without duplicate member names (<see cref="JsonDocumentOptions.AllowDuplicateProperties"/>);
    /// returns null and adds one error when the text is not JSON. System.Text.Json names a duplicate but not its path (and
    /// cannot compare names with a lone surrogate escape), so such a document is parsed again allowing duplicates, and
    /// <paramref name="namesUnchecked"/> asks <see cref="Check"/> for the walk that reports each duplicate with its path.
    /// </summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> utf8Json, JsonDocumentOptions documentOptions, string path, List<CloudEventError> errors, out bool namesUnchecked)
    {
        namesUnchecked = false;
        if (utf8Json.Span.StartsWith("\uFEFF"u8))
        {
            errors.Add(new(path, "invalid JSON: a byte order mark is not allowed; send UTF-8 without one"));
            return null;
        }

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
            namesUnchecked = true;
            return document;
        }
        catch (JsonException ex)
        {
            errors.Add(new(path, "invalid JSON: " + ex.Message));
            return null;
        }
    }

    /// <summary>Walks <paramref name="element"/> and adds an error for each bad string, and each duplicate name when <paramref name="namesUnchecked"/>.</summary>
    /// <remarks>
    /// A valid document (the common case) is confirmed by one pass over the raw UTF-8 tokens that allocates only for
    /// escaped text; only a document that pass cannot confirm is walked again to build the errors and their JSON paths.
    /// </remarks>
    public static void Check(JsonElement element, string path, bool namesUnchecked, List<CloudEventError> errors)
    {
        if (namesUnchecked || !IsClean(element))
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
                    if (NameProblem(property) is not null || !IsClean(property.Value))
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
                return ValueProblem(element) is null;
            default:
                return true;
        }
    }

    private static void CheckWithPaths(JsonElement element, string path, List<CloudEventError> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // The smallest code that gives System.Text.Json's duplicate a path: the names seen in this object.
                HashSet<string>? names = null;
                foreach (var property in element.EnumerateObject())
                {
                    if (NameProblem(property) is { } nameProblem)
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
                if (ValueProblem(element) is { } problem)
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

    // The raw UTF-8 is checked without allocating; only text with an escape is unescaped, by System.Text.Json, which
    // throws for a \u escape that leaves a surrogate unpaired.
    private static string? ValueProblem(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        return !Utf8.IsValid(raw) ? InvalidUtf8 : raw.Contains((byte)'\\') && TryGetString(value) is null ? LoneSurrogate : null;
    }

    private static string? NameProblem(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (!Utf8.IsValid(raw))
        {
            return InvalidUtf8;
        }

        if (raw.Contains((byte)'\\'))
        {
            try
            {
                _ = property.Name;
            }
            catch (InvalidOperationException)
            {
                return LoneSurrogate;
            }
        }

        return null;
    }
}
