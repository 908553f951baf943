using System.ComponentModel.DataAnnotations;

namespace Dashboard.Runtime.Streaming;

/// <summary>Section <c>LiveFeed</c>: how much each live subscriber may hold before the oldest items are dropped.</summary>
public sealed class LiveFeedOptions
{
    public const string SectionName = "LiveFeed";

    /// <summary>Items queued per subscriber (drop-oldest beyond this).</summary>
    [Range(16, 1_000_000)]
    public int SubscriberCapacity { get; set; } = 10_000;

    /// <summary>Rows a live page keeps in view (ring buffer; older rows are dropped and counted).</summary>
    [Range(10, 100_000)]
    public int ViewCapacity { get; set; } = 200;

    /// <summary>
    /// Shortest gap between two renders of a live page while traffic is light (it doubles, up to 1 s, while batches are
    /// large). Lower shows rows sooner; higher costs every open browser less work.
    /// </summary>
    [Range(20, 1_000)]
    public int MinRenderIntervalMilliseconds { get; set; } = 100;

    /// <summary>The render pace of live pages.</summary>
    public TimeSpan MinRenderInterval => TimeSpan.FromMilliseconds(MinRenderIntervalMilliseconds);
}
