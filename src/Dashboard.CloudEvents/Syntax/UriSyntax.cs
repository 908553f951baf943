namespace Dashboard.CloudEvents;

/// <summary>
/// Syntax checks for RFC 3986 URI and URI-reference values. Characters outside ASCII are accepted (IRI);
/// spaces, controls, the characters RFC 3986 excludes and malformed percent-escapes are not.
/// </summary>
internal static class UriSyntax
{
    public static bool IsUriReference(ReadOnlySpan<char> s) => s.Length > 0 && HasValidCharacters(s) && SchemeIsValidIfPresent(s, out _);

    public static bool IsAbsoluteUri(ReadOnlySpan<char> s) =>
        s.Length > 0 && HasValidCharacters(s) && SchemeIsValidIfPresent(s, out var hasScheme) && hasScheme;

    private static bool SchemeIsValidIfPresent(ReadOnlySpan<char> s, out bool hasScheme)
    {
        hasScheme = false;
        var colon = s.IndexOfAny(":/?#");
        if (colon < 0 || s[colon] != ':')
        {
            return true;
        }

        // A colon before any '/', '?' or '#' ends a scheme, which must be ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
        if (colon == 0 || !char.IsAsciiLetter(s[0]))
        {
            return false;
        }

        foreach (var c in s[..colon])
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '-' and not '.')
            {
                return false;
            }
        }

        hasScheme = true;
        return true;
    }

    private static bool HasValidCharacters(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (c <= ' ' || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c is '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}')
            {
                return false;
            }
        }

        return true;
    }
}
