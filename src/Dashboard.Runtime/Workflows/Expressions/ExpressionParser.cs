using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.Expressions;

/// <summary>
/// Parses an expression. Precedence, lowest first: <c>or ||</c>, <c>and &amp;&amp;</c>, <c>not !</c>,
/// comparisons (<c>== != &lt; &lt;= &gt; &gt;=</c>), then literals, paths, calls and parentheses.
/// </summary>
public sealed class ExpressionParser
{
    private readonly List<Token> _tokens;
    private int _next;

    private ExpressionParser(string text) => _tokens = Lexer.Tokenize(text);

    public static Expr Parse(string text)
    {
        var parser = new ExpressionParser(text);
        if (parser.Peek.Kind == TokenKind.End)
        {
            throw new ExpressionException("empty expression", parser.Peek.Position);
        }

        var expr = parser.ParseOr();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw new ExpressionException($"unexpected '{parser.Peek.Text}'", parser.Peek.Position);
        }

        return expr;
    }

    private Token Peek => _tokens[_next];

    private Token Take() => _tokens[_next++];

    private bool IsWord(string word) => Peek.Kind == TokenKind.Identifier && Peek.Text == word;

    private bool IsOperator(string op) => Peek.Kind == TokenKind.Operator && Peek.Text == op;

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (IsWord("or") || IsOperator("||"))
        {
            var op = Take();
            left = new BinaryExpr("or", left, ParseAnd(), op.Position);
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (IsWord("and") || IsOperator("&&"))
        {
            var op = Take();
            left = new BinaryExpr("and", left, ParseNot(), op.Position);
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (IsWord("not") || IsOperator("!"))
        {
            var op = Take();
            return new NotExpr(ParseNot(), op.Position);
        }

        return ParseComparison();
    }

    private Expr ParseComparison()
    {
        var left = ParsePrimary();
        if (Peek.Kind == TokenKind.Operator && Peek.Text is "==" or "!=" or "<" or "<=" or ">" or ">=")
        {
            var op = Take();
            return new BinaryExpr(op.Text, left, ParsePrimary(), op.Position);
        }

        return left;
    }

    private Expr ParsePrimary()
    {
        var token = Take();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new LiteralExpr(JsonValue.Create(token.Number), token.Position);
            case TokenKind.String:
                return new LiteralExpr(JsonValue.Create(token.Text), token.Position);
            case TokenKind.LeftParen:
                var inner = ParseOr();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.Identifier:
                return ParseIdentifier(token);
            case TokenKind.End:
                throw new ExpressionException("unexpected end of expression", token.Position);
            default:
                throw new ExpressionException($"unexpected '{token.Text}'", token.Position);
        }
    }

    private Expr ParseIdentifier(Token token)
    {
        switch (token.Text)
        {
            case "true":
                return new LiteralExpr(JsonValue.Create(true), token.Position);
            case "false":
                return new LiteralExpr(JsonValue.Create(false), token.Position);
            case "null":
                return new LiteralExpr(null, token.Position);
        }

        if (Peek.Kind == TokenKind.LeftParen)
        {
            Take();
            var arguments = new List<Expr>();
            if (Peek.Kind != TokenKind.RightParen)
            {
                arguments.Add(ParseOr());
                while (Peek.Kind == TokenKind.Comma)
                {
                    Take();
                    arguments.Add(ParseOr());
                }
            }

            Expect(TokenKind.RightParen, "')' or ','");
            ExpressionFunctions.Check(token.Text, arguments.Count, token.Position);
            return new CallExpr(token.Text, arguments, token.Position);
        }

        if (!ExpressionScope.Roots.Contains(token.Text))
        {
            throw new ExpressionException($"unknown name '{token.Text}' (paths start with event, vars or steps)", token.Position);
        }

        var segments = new List<PathExpr.Segment>();
        while (Peek.Kind is TokenKind.Dot or TokenKind.LeftBracket)
        {
            var separator = Take();
            if (separator.Kind == TokenKind.Dot)
            {
                var name = Take();
                if (name.Kind != TokenKind.Identifier)
                {
                    throw new ExpressionException("expected a field name after '.'", name.Position);
                }

                segments.Add(new PathExpr.Segment(name.Text, null, name.Position));
            }
            else
            {
                var index = ParseOr();
                Expect(TokenKind.RightBracket, "']'");
                segments.Add(new PathExpr.Segment(null, index, separator.Position));
            }
        }

        return new PathExpr(token.Text, segments, token.Position);
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Peek.Kind != kind)
        {
            throw new ExpressionException(Peek.Kind == TokenKind.End ? $"expected {what} before the end" : $"expected {what}, found '{Peek.Text}'", Peek.Position);
        }

        Take();
    }
}
