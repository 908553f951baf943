using System.Diagnostics;
using Dashboard.Data.Telemetry;

namespace Dashboard.Data.Events;

/// <summary>
/// Running totals of the group-commit writer since start: how many commits, what they carried, and how the writer's
/// time splits between executing statements and committing (the WAL write and fsync). Updated on the writer's thread
/// only; read from anywhere.
/// </summary>
public sealed class WriterStatistics
{
    private long _commits;
    private long _ingestionRequests;
    private long _backgroundRequests;
    private long _writeTicks;
    private long _commitTicks;
    private long _lastCommitTimestamp;
    private StoreFailure? _lastFailure;

    /// <summary>When the last commit succeeded (<see cref="Stopwatch.GetTimestamp"/>); 0 before the first.</summary>
    public long LastCommitTimestamp => Interlocked.Read(ref _lastCommitTimestamp);

    /// <summary>The last time the store could not write (disk full, I/O error), or null; see <see cref="StoreFailures"/>.</summary>
    public StoreFailure? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>True when the most recent write attempt failed for want of storage and no commit succeeded since.</summary>
    public bool IsFailing => LastFailure is { } failure && failure.Timestamp > LastCommitTimestamp;

    internal void RecordFailure(Exception exception)
    {
        if (StoreFailures.IsStorageFailure(exception))
        {
            Volatile.Write(ref _lastFailure, new StoreFailure(Stopwatch.GetTimestamp(), DateTimeOffset.UtcNow, StoreFailures.Describe(exception)));
        }
    }

    internal void Record(IReadOnlyList<WriteRequest> batch, long writeTicks, long commitTicks)
    {
        var ingestion = 0;
        foreach (var request in batch)
        {
            ingestion += request.IsIngestion ? 1 : 0;
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _ingestionRequests, ingestion);
        Interlocked.Add(ref _backgroundRequests, batch.Count - ingestion);
        Interlocked.Add(ref _writeTicks, writeTicks);
        Interlocked.Add(ref _commitTicks, commitTicks);
        Interlocked.Exchange(ref _lastCommitTimestamp, Stopwatch.GetTimestamp());
        StoreMetrics.RecordCommit(batch.Count, commitTicks, ingestion);
    }

    public WriterSnapshot Snapshot() => new(
        Interlocked.Read(ref _commits),
        Interlocked.Read(ref _ingestionRequests),
        Interlocked.Read(ref _backgroundRequests),
        TimeSpan.FromSeconds(Interlocked.Read(ref _writeTicks) / (double)Stopwatch.Frequency),
        TimeSpan.FromSeconds(Interlocked.Read(ref _commitTicks) / (double)Stopwatch.Frequency));
}

/// <summary>A write the store could not make: when (<see cref="Stopwatch"/> timestamp and wall clock) and why.</summary>
public sealed record StoreFailure(long Timestamp, DateTimeOffset At, string Reason);

/// <summary>The writer's totals at one moment (see <see cref="WriterStatistics"/>).</summary>
public sealed record WriterSnapshot(long Commits, long IngestionRequests, long BackgroundRequests, TimeSpan Writing, TimeSpan Committing)
{
    public double RequestsPerCommit => Commits == 0 ? 0 : (IngestionRequests + BackgroundRequests) / (double)Commits;

    public TimeSpan MeanCommit => Commits == 0 ? TimeSpan.Zero : Committing / Commits;
}
