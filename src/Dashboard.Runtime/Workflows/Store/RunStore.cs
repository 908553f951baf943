using Dashboard.Data;
using Dashboard.Runtime.Contracts;
using Microsoft.Data.Sqlite;

namespace Dashboard.Runtime.Workflows.Store;

/// <summary>The dispatcher's and workers' direct queries: claim due runs, recover after a crash, load a run.</summary>
public sealed class RunStore(SqliteConnectionFactory connections, TimeProvider clock)
{
    private long _loads;

    /// <summary>Single runs loaded (<see cref="LoadAsync"/>) since start.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>Marks up to <paramref name="limit"/> due Queued runs Running and returns their ids, oldest first.</summary>
    public Task<IReadOnlyList<long>> ClaimAsync(int limit, CancellationToken cancellationToken) => ClaimAsync(limit, null, cancellationToken);

    /// <summary>
    /// As <see cref="ClaimAsync(int, CancellationToken)"/>, but with a <paramref name="hold"/> fresh runs queued by ingestion
    /// (never started, no retry time) are left alone while they are younger than the hold's window and newer than its start:
    /// another dispatcher (NATS) owns them.
    /// </summary>
    public async Task<IReadOnlyList<long>> ClaimAsync(int limit, RunHold? hold, CancellationToken cancellationToken)
    {
        var now = RunStatements.Ms(clock.GetUtcNow());
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = ClaimSql;
        foreach (var (name, value) in ClaimParameters(now, limit, hold))
        {
            command.Parameters.AddWithValue(name, value);
        }

        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetInt64(0));
        }

        ids.Sort();
        return ids;
    }

    /// <summary>
    /// Marks due Queued runs Running, oldest first (fresh runs by creation, waiting ones by due time), and returns their
    /// ids (see <see cref="ClaimParameters"/>). Fresh runs are read in id order, which is creation order, and waiting
    /// runs in due order, both straight from the (State, NextAttemptAt) index: ordering by an expression over all queued
    /// runs sorted the whole backlog on every claim (23 ms at 150,000 queued, inside the writer's transaction).
    /// </summary>
    internal const string ClaimSql = """
        UPDATE runs SET State = 'Running', UpdatedAt = $now
        WHERE Id IN (
            SELECT Id FROM (
                SELECT * FROM (SELECT Id, CreatedAt AS DueAt FROM runs WHERE State = 'Queued' AND NextAttemptAt IS NULL
                                 AND NOT ($held = 1 AND UpdatedAt IS NULL AND CreatedAt > $cutoff)
                               ORDER BY Id LIMIT $limit)
                UNION ALL
                SELECT * FROM (SELECT Id, NextAttemptAt AS DueAt FROM runs WHERE State = 'Queued' AND NextAttemptAt <= $now
                               ORDER BY NextAttemptAt, Id LIMIT $limit))
            ORDER BY DueAt, Id LIMIT $limit)
        RETURNING Id;
        """;

    internal static KeyValuePair<string, object?>[] ClaimParameters(long nowMs, int limit, RunHold? hold) =>
    [
        new("$now", nowMs), new("$limit", limit), new("$held", hold is null ? 0 : 1), new("$cutoff", hold?.Cutoff(nowMs) ?? long.MaxValue),
    ];

    /// <summary>When the next waiting run becomes due, if any.</summary>
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken) => NextDueAsync(null, cancellationToken);

    /// <summary>When the next waiting run becomes due; a held fresh run becomes due when its hold window ends.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(RunHold? hold, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // Three index lookups instead of a scan of every queued run: any fresh run not held is due now; the oldest held
        // one (id order is creation order) when its window ends; the earliest retry or delay.
        command.CommandText = """
            SELECT MIN(Due) FROM (
                SELECT 0 AS Due WHERE EXISTS (SELECT 1 FROM runs WHERE State = 'Queued' AND NextAttemptAt IS NULL
                                                AND NOT ($held = 1 AND UpdatedAt IS NULL AND CreatedAt > $since))
                UNION ALL
                SELECT * FROM (SELECT CreatedAt + $window FROM runs WHERE $held = 1 AND State = 'Queued' AND NextAttemptAt IS NULL
                                 AND UpdatedAt IS NULL AND CreatedAt > $since ORDER BY Id LIMIT 1)
                UNION ALL
                SELECT MIN(NextAttemptAt) FROM runs WHERE State = 'Queued' AND NextAttemptAt IS NOT NULL);
            """;
        command.Parameters.AddWithValue("$held", hold is null ? 0 : 1);
        command.Parameters.AddWithValue("$since", hold?.SinceMs ?? long.MaxValue);
        command.Parameters.AddWithValue("$window", hold?.WindowMs ?? 0);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>Runs left Running by a previous process go back to Queued; they resume from their last completed step.</summary>
    public async Task<IReadOnlyList<(long RunId, long WorkflowId, long EventSeq, int StepIndex)>> RequeueInterruptedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE runs SET State = 'Queued', UpdatedAt = $now WHERE State = 'Running' RETURNING Id, WorkflowId, EventSeq, StepIndex;";
        command.Parameters.AddWithValue("$now", RunStatements.Ms(clock.GetUtcNow()));
        var runs = new List<(long, long, long, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3)));
        }

        return runs;
    }

    public async Task<RunRecord?> LoadAsync(long runId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _loads);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            {RunRecordReader.Select}
            WHERE r.Id = $id;
            """;
        command.Parameters.AddWithValue("$id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return RunRecordReader.Read(reader);
    }

    /// <summary>The successful step results of a run, in step order (a step run twice keeps its latest output).</summary>
    public async Task<IReadOnlyList<CompletedStep>> CompletedStepsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT StepIndex, StepName, Output FROM step_results WHERE RunId = $id AND State = 'Succeeded' ORDER BY StepIndex, Id;";
        command.Parameters.AddWithValue("$id", runId);
        var steps = new List<CompletedStep>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            steps.Add(new CompletedStep(reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return steps;
    }

    public async Task<bool> IsCancelRequestedAsync(long runId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT CancelRequested FROM runs WHERE Id = $id;";
        command.Parameters.AddWithValue("$id", runId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long flag && flag != 0;
    }

}
