using System.ComponentModel.DataAnnotations;

namespace Dashboard.Runtime.Workflows;

/// <summary>The <c>Workflows</c> section: how many runs execute at once and the limits each run lives under.</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflows";

    /// <summary>
    /// Runs executing at the same time; also the capacity of the work queue. Most of a run's time is spent waiting for
    /// its group commit, so keeping up with ingest takes many runs in flight (at 4, runs fell far behind ingest).
    /// </summary>
    [Range(1, 1_024)]
    public int Workers { get; set; } = 256;

    /// <summary>The longest a worker may spend on one run before the run fails (durable delays do not count).</summary>
    [Range(1, 86_400)]
    public int RunTimeoutSeconds { get; set; } = 600;

    /// <summary>Runs claimed per dispatcher query.</summary>
    [Range(1, 1_000)]
    public int ClaimBatchSize { get; set; } = 256;

    /// <summary>How often the dispatcher looks for due retries and delays when nothing wakes it earlier.</summary>
    [Range(0.05, 60)]
    public double PollIntervalSeconds { get; set; } = 2;

    /// <summary>The largest HTTP response body stored in a step result; longer bodies are cut and flagged.</summary>
    [Range(1_024, 4 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    /// <summary>The most runs one bulk replay may create.</summary>
    [Range(1, 100_000)]
    public int MaxBulkReplay { get; set; } = 1_000;
}
