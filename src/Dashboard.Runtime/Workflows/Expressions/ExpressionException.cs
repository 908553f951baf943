namespace Dashboard.Runtime.Workflows.Expressions;

/// <summary>A template or expression that does not parse or evaluate; <see cref="Position"/> is 1-based in the text.</summary>
public sealed class ExpressionException(string reason, int position) : Exception($"position {position}: {reason}")
{
    public string Reason { get; } = reason;
    public int Position { get; } = position;

    public ExpressionException Shift(int offset) => new(Reason, Position + offset);
}
