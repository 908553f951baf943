using System.ComponentModel.DataAnnotations;

namespace Dashboard.Runtime.Ingestion;

/// <summary>Section <c>Ingestion</c>.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest accepted request body; larger ones get 413.</summary>
    [Range(1_024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most events in one batch request.</summary>
    [Range(1, 10_000)]
    public int MaxBatchEvents { get; set; } = 1_000;

    /// <summary>Deepest JSON nesting accepted in an event.</summary>
    [Range(2, 1_000)]
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>How far a Standard Webhooks timestamp may be from the server's clock.</summary>
    [Range(1, 3_600)]
    public int SignatureToleranceSeconds { get; set; } = 300;

    /// <summary>The Retry-After value sent with 429 when the store's queue is full.</summary>
    [Range(1, 600)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// How long work may wait for a thread-pool thread before ingestion answers 429 at once; 0 turns the check off.
    /// When the CPU, not the store, is the bottleneck, requests wait in that queue before any ingestion code runs and the
    /// store's queue never fills; refusing while the wait is long keeps both the 429s and the accepted requests quick.
    /// </summary>
    [Range(0, 10_000)]
    public int MaxThreadPoolDelayMilliseconds { get; set; } = 20;

    /// <summary>The longest timeout a sync event definition may set; a sync caller never waits longer.</summary>
    [Range(1, 3_600)]
    public int MaxSyncTimeoutSeconds { get; set; } = 120;
}
