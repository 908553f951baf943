using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.JsonSchema.Compilation;

/// <summary>
/// Builds .NET regexes for ECMA-262 style schema patterns: <c>\d</c> and <c>\w</c> are ASCII-only and
/// <c>$</c> matches only at the very end. Linear-time (non-backtracking) matching is used when the pattern allows it.
/// </summary>
internal static class EcmaRegex
{
    public static Regex Create(string pattern, TimeSpan timeout)
    {
        var translated = Translate(pattern);
        try
        {
            return new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, timeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(translated, RegexOptions.Compiled | RegexOptions.CultureInvariant, timeout);
        }
    }

    internal static string Translate(string pattern)
    {
        var builder = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                if (next is 'p' or 'P' && TryTranslateProperty(pattern, i, out var property, out var end))
                {
                    builder.Append('\\').Append(next).Append('{').Append(property).Append('}');
                    i = end;
                    continue;
                }

                builder.Append(TranslateEscape(next, inClass));
                continue;
            }

            if (c == '[' && !inClass)
            {
                inClass = true;
            }
            else if (c == ']' && inClass)
            {
                inClass = false;
            }
            else if (c == '$' && !inClass)
            {
                builder.Append(@"\z");
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Maps ECMA-262 long General_Category names (<c>\p{Letter}</c>, <c>\p{gc=Lu}</c>) to .NET names.</summary>
    private static bool TryTranslateProperty(string pattern, int at, out string property, out int end)
    {
        property = string.Empty;
        end = pattern.IndexOf('}', at);
        if (at + 1 >= pattern.Length || pattern[at + 1] != '{' || end < 0)
        {
            return false;
        }

        var name = pattern[(at + 2)..end];
        var equals = name.IndexOf('=');
        if (equals >= 0 && name[..equals] is "gc" or "General_Category")
        {
            name = name[(equals + 1)..];
        }

        property = _categories.TryGetValue(name, out var mapped) ? mapped : name;
        return true;
    }

    private static readonly Dictionary<string, string> _categories = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Cased_Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll",
        ["Titlecase_Letter"] = "Lt", ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo",
        ["Mark"] = "M", ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me",
        ["Number"] = "N", ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
        ["Punctuation"] = "P", ["punct"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd",
        ["Open_Punctuation"] = "Ps", ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi",
        ["Final_Punctuation"] = "Pf", ["Other_Punctuation"] = "Po",
        ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So",
        ["Separator"] = "Z", ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp",
        ["Other"] = "C", ["Control"] = "Cc", ["cntrl"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs",
        ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
    };

    private static string TranslateEscape(char next, bool inClass) => (next, inClass) switch
    {
        ('d', false) => "[0-9]",
        ('d', true) => "0-9",
        ('D', false) => "[^0-9]",
        ('w', false) => "[a-zA-Z0-9_]",
        ('w', true) => "a-zA-Z0-9_",
        ('W', false) => "[^a-zA-Z0-9_]",
        _ => "\\" + next,
    };
}
