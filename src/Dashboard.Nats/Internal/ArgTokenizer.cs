using System.Buffers.Text;

namespace Dashboard.Nats.Internal;

/// <summary>Splits protocol arguments on spaces/tabs and parses numbers, without allocating.</summary>
internal static class ArgTokenizer
{
    public static int Tokenize(ReadOnlySpan<byte> s, Span<Range> tokens)
    {
        var count = 0;
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && (s[i] == (byte)' ' || s[i] == (byte)'\t'))
            {
                i++;
            }

            if (i >= s.Length)
            {
                break;
            }

            var start = i;
            while (i < s.Length && s[i] != (byte)' ' && s[i] != (byte)'\t')
            {
                i++;
            }

            if (count == tokens.Length)
            {
                return -1;
            }

            tokens[count++] = start..i;
        }

        return count;
    }

    public static bool TryParseNumber(ReadOnlySpan<byte> s, out long value) =>
        Utf8Parser.TryParse(s, out value, out var used) && used == s.Length && value >= 0;
}
