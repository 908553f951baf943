using System.Text;

namespace Dashboard.JsonSchema;

/// <summary>JSON Pointer (RFC 6901) helpers and conversion to JSONPath notation.</summary>
public static class JsonPointer
{
    /// <summary>Escapes one reference token (<c>~</c> as <c>~0</c>, <c>/</c> as <c>~1</c>).</summary>
    public static string Escape(string token) =>
        token.Contains('~') || token.Contains('/') ? token.Replace("~", "~0").Replace("/", "~1") : token;

    /// <summary>Unescapes one reference token.</summary>
    public static string Unescape(string token) =>
        token.Contains('~') ? token.Replace("~1", "/").Replace("~0", "~") : token;

    /// <summary>Splits a pointer into unescaped tokens; returns false when it is not a pointer.</summary>
    public static bool TryParse(string pointer, out IReadOnlyList<string> tokens)
    {
        if (pointer.Length == 0)
        {
            tokens = [];
            return true;
        }

        if (pointer[0] != '/')
        {
            tokens = [];
            return false;
        }

        tokens = pointer[1..].Split('/').Select(Unescape).ToArray();
        return true;
    }

    /// <summary>
    /// Converts a pointer such as <c>/order/items/0/qty</c> into <c>$.order.items[0].qty</c>.
    /// All-digit tokens are taken as array indexes.
    /// </summary>
    public static string ToJsonPath(string pointer)
    {
        if (!TryParse(pointer, out var tokens))
        {
            throw new FormatException($"'{pointer}' is not a JSON Pointer.");
        }

        var builder = new StringBuilder("$");
        foreach (var token in tokens)
        {
            if (token.Length > 0 && token.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(token).Append(']');
            }
            else
            {
                AppendName(builder, token);
            }
        }

        return builder.ToString();
    }

    internal static void AppendName(StringBuilder builder, string name)
    {
        if (IsIdentifier(name))
        {
            builder.Append('.').Append(name);
            return;
        }

        builder.Append("['").Append(name.Replace("\\", "\\\\").Replace("'", "\\'")).Append("']");
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] is '_' or '$'))
        {
            return false;
        }

        return name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
    }
}
