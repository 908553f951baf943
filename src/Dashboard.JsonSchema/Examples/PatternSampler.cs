using System.Text;
using System.Text.RegularExpressions;
using Dashboard.JsonSchema.Compilation;

namespace Dashboard.JsonSchema.Examples;

/// <summary>
/// Produces a string for common regex patterns (literals, classes, escapes, groups, alternation, quantifiers)
/// and keeps it only if the pattern really matches it.
/// </summary>
internal static class PatternSampler
{
    private static readonly string[] _fallbacks = ["string", "example", "abc", "ABC", "a", "A", "0", "123", "abc123", "A1", ""];
    private static readonly char[] _probeChars = "aA0x_-.b1 Z9@".ToCharArray();

    public static string? Sample(string pattern, int variant)
    {
        Regex regex;
        try
        {
            regex = EcmaRegex.Create(pattern, TimeSpan.FromMilliseconds(200));
        }
        catch (ArgumentException)
        {
            return null;
        }

        var position = 0;
        string? built;
        try
        {
            built = Sequence(pattern, ref position, variant);
        }
        catch (ArgumentException)
        {
            built = null;
        }

        return new[] { built }.Concat(_fallbacks).FirstOrDefault(c => c is not null && regex.IsMatch(c));
    }

    private static string Sequence(string pattern, ref int i, int variant)
    {
        var builder = new StringBuilder();
        while (i < pattern.Length && pattern[i] != ')')
        {
            if (pattern[i] == '|')
            {
                SkipToGroupEnd(pattern, ref i);
                break;
            }

            var atom = Atom(pattern, ref i, variant);
            var (min, _) = Quantifier(pattern, ref i);
            var count = Math.Min(min, 50);
            for (var n = 0; n < count; n++)
            {
                builder.Append(atom);
            }
        }

        return builder.ToString();
    }

    private static string Atom(string pattern, ref int i, int variant)
    {
        var c = pattern[i];
        switch (c)
        {
            case '^' or '$':
                i++;
                return string.Empty;
            case '(':
                var lookaround = i + 2 < pattern.Length && pattern[i + 1] == '?' && pattern[i + 2] is '=' or '!' or '<' && !(pattern[i + 2] == '<' && i + 3 < pattern.Length && char.IsLetter(pattern[i + 3]));
                i = SkipGroupPrefix(pattern, i + 1);
                var inner = Sequence(pattern, ref i, variant);
                i++;
                return lookaround ? string.Empty : inner;
            case '[':
                var end = ClassEnd(pattern, i);
                var cls = pattern[i..(end + 1)];
                i = end + 1;
                return Probe(cls);
            case '\\':
                var escape = pattern.Substring(i, Math.Min(2, pattern.Length - i));
                i += escape.Length;
                if (escape.Length == 2 && escape[1] is 'p' or 'P' && i < pattern.Length && pattern[i] == '{')
                {
                    var close = pattern.IndexOf('}', i);
                    escape += pattern[i..(close + 1)];
                    i = close + 1;
                }

                return escape.Length == 2 && !char.IsLetterOrDigit(escape[1]) ? escape[1].ToString() : Probe(escape);
            case '.':
                i++;
                return "a";
            default:
                i++;
                return c.ToString();
        }
    }

    private static (int Min, int Max) Quantifier(string pattern, ref int i)
    {
        if (i >= pattern.Length)
        {
            return (1, 1);
        }

        (int, int) result;
        switch (pattern[i])
        {
            case '*':
                i++;
                result = (0, int.MaxValue);
                break;
            case '+':
                i++;
                result = (1, int.MaxValue);
                break;
            case '?':
                i++;
                result = (0, 1);
                break;
            case '{' when pattern.IndexOf('}', i) is var close and > 0 && Regex.IsMatch(pattern[(i + 1)..close], @"^\d+(,\d*)?$"):
                var bounds = pattern[(i + 1)..close].Split(',');
                i = close + 1;
                var min = int.Parse(bounds[0]);
                result = (min, bounds.Length == 1 ? min : bounds[1].Length == 0 ? int.MaxValue : int.Parse(bounds[1]));
                break;
            default:
                return (1, 1);
        }

        if (i < pattern.Length && pattern[i] is '?' or '+')
        {
            i++;
        }

        return result;
    }

    private static string Probe(string characterPattern)
    {
        var regex = new Regex("^" + EcmaRegex.Translate(characterPattern) + "\\z", RegexOptions.CultureInvariant);
        return _probeChars.Select(ch => ch.ToString()).FirstOrDefault(regex.IsMatch)
            ?? Enumerable.Range(33, 90).Select(ch => ((char)ch).ToString()).FirstOrDefault(regex.IsMatch)
            ?? "a";
    }

    private static int SkipGroupPrefix(string pattern, int i)
    {
        if (i < pattern.Length && pattern[i] == '?')
        {
            i++;
            if (i < pattern.Length && pattern[i] == '<' && i + 1 < pattern.Length && char.IsLetter(pattern[i + 1]))
            {
                return pattern.IndexOf('>', i) + 1;
            }

            return i + (i + 1 < pattern.Length && pattern[i] == '<' ? 2 : 1);
        }

        return i;
    }

    private static int ClassEnd(string pattern, int i)
    {
        for (var j = i + 1; j < pattern.Length; j++)
        {
            if (pattern[j] == '\\')
            {
                j++;
            }
            else if (pattern[j] == ']' && j > i + 1)
            {
                return j;
            }
        }

        throw new ArgumentException("unterminated character class");
    }

    private static void SkipToGroupEnd(string pattern, ref int i)
    {
        var depth = 0;
        for (; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c == '[')
            {
                i = ClassEnd(pattern, i);
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                if (depth == 0)
                {
                    return;
                }

                depth--;
            }
        }
    }
}
