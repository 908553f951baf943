using System.Globalization;
using System.Text;

namespace Dashboard.Runtime.Workflows.Expressions;

/// <summary>Splits an expression into tokens.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var position = i + 1;
            if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))))
                {
                    i++;
                }

                var literal = text[start..i];
                tokens.Add(new Token(TokenKind.Number, literal, position, decimal.Parse(literal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)));
                continue;
            }

            if (c is '\'' or '"')
            {
                tokens.Add(ReadString(text, ref i));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Identifier, text[start..i], position));
                continue;
            }

            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            if (two is "==" or "!=" or "<=" or ">=" or "&&" or "||")
            {
                tokens.Add(new Token(TokenKind.Operator, two, position));
                i += 2;
                continue;
            }

            var kind = c switch
            {
                '.' => TokenKind.Dot,
                '[' => TokenKind.LeftBracket,
                ']' => TokenKind.RightBracket,
                '(' => TokenKind.LeftParen,
                ')' => TokenKind.RightParen,
                ',' => TokenKind.Comma,
                '<' or '>' or '!' => TokenKind.Operator,
                _ => throw new ExpressionException($"unexpected character '{c}'", position),
            };
            tokens.Add(new Token(kind, c.ToString(), position));
            i++;
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length + 1));
        return tokens;
    }

    private static Token ReadString(string text, ref int i)
    {
        var quote = text[i];
        var position = i + 1;
        var builder = new StringBuilder();
        i++;
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                builder.Append(text[i] switch { 'n' => '\n', 't' => '\t', var other => other });
            }
            else
            {
                builder.Append(text[i]);
            }

            i++;
        }

        if (i >= text.Length)
        {
            throw new ExpressionException("unterminated string", position);
        }

        i++;
        return new Token(TokenKind.String, builder.ToString(), position);
    }
}
