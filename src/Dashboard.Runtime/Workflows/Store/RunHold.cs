namespace Dashboard.Runtime.Workflows.Store;

/// <summary>
/// Fresh runs (queued by ingestion, never started) created after <see cref="SinceMs"/> and younger than
/// <see cref="WindowMs"/> belong to another dispatcher; once older they are claimed anyway (the safety net). Unix ms.
/// </summary>
public readonly record struct RunHold(long SinceMs, long WindowMs)
{
    /// <summary>Fresh runs created after this instant are held.</summary>
    public long Cutoff(long nowMs) => Math.Max(nowMs - WindowMs, SinceMs);
}
