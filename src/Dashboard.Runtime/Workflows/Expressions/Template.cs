using System.Text;
using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.Expressions;

/// <summary>
/// A string with <c>{{ expression }}</c> parts. A template that is exactly one <c>{{ expression }}</c> yields the
/// expression's JSON value (number, object, ...); any other template yields a string with each value interpolated.
/// </summary>
public sealed class Template
{
    private readonly IReadOnlyList<(string? Text, Expr? Expr, int Offset)> _parts;

    private Template(IReadOnlyList<(string? Text, Expr? Expr, int Offset)> parts) => _parts = parts;

    public static bool HasExpressions(string text) => text.Contains("{{", StringComparison.Ordinal);

    public static Template Parse(string text)
    {
        var parts = new List<(string? Text, Expr? Expr, int Offset)>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add((text[i..], null, 0));
                break;
            }

            if (open > i)
            {
                parts.Add((text[i..open], null, 0));
            }

            var close = FindClose(text, open + 2);
            if (close < 0)
            {
                throw new ExpressionException("'{{' is not closed by '}}'", open + 1);
            }

            var source = text[(open + 2)..close];
            try
            {
                parts.Add((null, ExpressionParser.Parse(source), open + 2));
            }
            catch (ExpressionException ex)
            {
                throw ex.Shift(open + 2);
            }

            i = close + 2;
        }

        return new Template(parts);
    }

    public JsonNode? Render(ExpressionScope scope)
    {
        if (_parts.Count == 1 && _parts[0].Expr is { } single)
        {
            return Evaluate(single, _parts[0].Offset, scope);
        }

        var builder = new StringBuilder();
        foreach (var (text, expr, offset) in _parts)
        {
            builder.Append(text ?? JsonValues.ToText(Evaluate(expr!, offset, scope)));
        }

        return JsonValue.Create(builder.ToString());
    }

    private static JsonNode? Evaluate(Expr expr, int offset, ExpressionScope scope)
    {
        try
        {
            return expr.Evaluate(scope);
        }
        catch (ExpressionException ex)
        {
            throw ex.Shift(offset);
        }
    }

    /// <summary>The index of the closing <c>}}</c>, skipping quoted strings inside the expression.</summary>
    private static int FindClose(string text, int from)
    {
        char? quote = null;
        for (var i = from; i < text.Length - 1 || (quote is null && i < text.Length); i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                return i;
            }
        }

        return -1;
    }
}
