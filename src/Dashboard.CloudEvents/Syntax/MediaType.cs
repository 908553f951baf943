namespace Dashboard.CloudEvents;

/// <summary>RFC 2046 / RFC 9110 media types: <c>type "/" subtype *( OWS ";" OWS parameter )</c>.</summary>
internal static class MediaType
{
    public static bool IsValid(ReadOnlySpan<char> s)
    {
        var semicolon = s.IndexOf(';');
        var essence = (semicolon < 0 ? s : s[..semicolon]).Trim(' ');
        var slash = essence.IndexOf('/');
        return slash > 0 && IsToken(essence[..slash]) && IsToken(essence[(slash + 1)..]);
    }

    /// <summary>The <c>type/subtype</c> part, trimmed; empty for null.</summary>
    public static ReadOnlySpan<char> Essence(string? contentType)
    {
        if (contentType is null)
        {
            return [];
        }

        var semicolon = contentType.IndexOf(';');
        return (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim(' ');
    }

    /// <summary>True for application/json, text/json and any <c>+json</c> structured suffix.</summary>
    public static bool IsJson(string? contentType)
    {
        var essence = Essence(contentType);
        return essence.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || essence.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || essence.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The value of the charset parameter, or empty when there is none.</summary>
    public static ReadOnlySpan<char> Charset(string contentType)
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

    private static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "!#$&-^_.+".IndexOf(c) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
