using System.Diagnostics;

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
    }

    public WriterSnapshot Snapshot() => new(
        Interlocked.Read(ref _commits),
        Interlocked.Read(ref _ingestionRequests),
        Interlocked.Read(ref _backgroundRequests),
        TimeSpan.FromSeconds(Interlocked.Read(ref _writeTicks) / (double)Stopwatch.Frequency),
        TimeSpan.FromSeconds(Interlocked.Read(ref _commitTicks) / (double)Stopwatch.Frequency));
}

/// <summary>The writer's totals at one moment (see <see cref="WriterStatistics"/>).</summary>
public sealed record WriterSnapshot(long Commits, long IngestionRequests, long BackgroundRequests, TimeSpan Writing, TimeSpan Committing)
{
    public double RequestsPerCommit => Commits == 0 ? 0 : (IngestionRequests + BackgroundRequests) / (double)Commits;

    public TimeSpan MeanCommit => Commits == 0 ? TimeSpan.Zero : Committing / Commits;
}
