namespace Dashboard.Runtime.Streaming;

/// <summary>
/// A server-side filter for one subscription. Null members match everything; text members match exactly
/// (case-insensitive) or, when they end with <c>*</c>, by prefix. <see cref="Kinds"/> empty means every kind.
/// </summary>
public sealed record LiveFilter
{
    public static LiveFilter All { get; } = new();

    public IReadOnlySet<LiveItemKind> Kinds { get; init; } = new HashSet<LiveItemKind>();
    public long? DefinitionId { get; init; }
    public long? WorkflowId { get; init; }
    public string? Type { get; init; }
    public string? Source { get; init; }
    public string? Subject { get; init; }
    public string? Outcome { get; init; }

    public bool Matches(LiveItem item) =>
        (Kinds.Count == 0 || Kinds.Contains(item.Kind))
        && (DefinitionId is null || item.DefinitionId == DefinitionId)
        && (WorkflowId is null || item.WorkflowId == WorkflowId)
        && Text(Type, item.Type)
        && Text(Source, item.Source)
        && Text(Subject, item.Subject)
        && Text(Outcome, item.Outcome);

    private static bool Text(string? pattern, string? value)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return true;
        }

        if (value is null)
        {
            return false;
        }

        return pattern[^1] == '*'
            ? value.AsSpan().StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);
    }
}
