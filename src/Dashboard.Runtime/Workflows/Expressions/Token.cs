namespace Dashboard.Runtime.Workflows.Expressions;

internal enum TokenKind
{
    Number,
    String,
    Identifier,
    Dot,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Comma,
    Operator,
    End,
}

/// <summary>One token; <see cref="Position"/> is 1-based.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, decimal Number = 0);
