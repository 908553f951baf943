using System.Text;
using System.Text.Unicode;

namespace Dashboard.CloudEvents;

/// <summary>
/// Header value encoding of the HTTP and NATS bindings: space, double-quote, percent and everything outside
/// printable ASCII are percent-encoded as UTF-8; decoding also accepts double-quoted strings.
/// </summary>
internal static class HeaderValueCodec
{
    public static string Encode(string value)
    {
        if (!NeedsEncoding(value))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is > ' ' and < (char)0x7F and not '"' and not '%')
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsSurrogatePair(value, i)
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes a header value; returns an error message, or null on success.</summary>
    public static string? TryDecode(string raw, out string value)
    {
        value = "";
        if (raw.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            return "header value must not contain CR or LF";
        }

        var text = raw.AsSpan().Trim(" \t");
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = Unquote(text[1..^1]);
        }

        if (text.IndexOf('%') < 0)
        {
            value = text.ToString();
            return null;
        }

        return PercentDecode(text, out value);
    }

    private static bool NeedsEncoding(string value)
    {
        foreach (var c in value)
        {
            if (c is <= ' ' or >= (char)0x7F or '"' or '%')
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> quoted)
    {
        var builder = new StringBuilder(quoted.Length);
        for (var i = 0; i < quoted.Length; i++)
        {
            builder.Append(quoted[i] == '\\' && i + 1 < quoted.Length ? quoted[++i] : quoted[i]);
        }

        return builder.ToString();
    }

    private static string? PercentDecode(ReadOnlySpan<char> text, out string value)
    {
        value = "";
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        var count = 0;
        while (!text.IsEmpty)
        {
            var percent = text.IndexOf('%');
            count += Encoding.UTF8.GetBytes(percent < 0 ? text : text[..percent], bytes.AsSpan(count));
            if (percent < 0)
            {
                break;
            }

            text = text[percent..];
            if (text.Length < 3 || !char.IsAsciiHexDigit(text[1]) || !char.IsAsciiHexDigit(text[2]))
            {
                return "invalid percent-encoding";
            }

            bytes[count++] = (byte)((HexValue(text[1]) << 4) | HexValue(text[2]));
            text = text[3..];
        }

        if (!Utf8.IsValid(bytes.AsSpan(0, count)))
        {
            return "percent-encoded bytes are not valid UTF-8";
        }

        value = Encoding.UTF8.GetString(bytes, 0, count);
        return null;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
