using System.Text.Unicode;

namespace Dashboard.CloudEvents;

/// <summary>Checks JSON string tokens for what <see cref="System.Text.Json.Utf8JsonReader"/> lets through.</summary>
internal static class JsonStrings
{
    /// <summary>
    /// Returns an error message, or null when <paramref name="raw"/> (the token as written, without quotes)
    /// is valid UTF-8 and its \u escapes form no lone surrogate.
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!Utf8.IsValid(raw))
        {
            return "invalid UTF-8";
        }

        return escaped && !SurrogateEscapesArePaired(raw) ? "lone surrogate in a \\u escape" : null;
    }

    private static bool SurrogateEscapesArePaired(ReadOnlySpan<byte> raw)
    {
        var expectLow = false;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                if (expectLow)
                {
                    return false;
                }

                continue;
            }

            if (raw[i + 1] != (byte)'u')
            {
                if (expectLow)
                {
                    return false;
                }

                i++;
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
