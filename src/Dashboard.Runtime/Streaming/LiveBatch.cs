namespace Dashboard.Runtime.Streaming;

/// <summary>What a subscriber read at once, and how many items were dropped for it (oldest first) since its last batch.</summary>
public sealed record LiveBatch(IReadOnlyList<LiveItem> Items, long Dropped)
{
    public static LiveBatch Empty { get; } = new([], 0);
}
