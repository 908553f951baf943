using System.Globalization;
using Dashboard.Data;
using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Microsoft.Data.Sqlite;

namespace Dashboard.Runtime.Workflows.Store;

/// <summary>
/// Claims due runs inside the event store's group commit, and loads a whole batch of claimed runs in one read.
/// A claim on its own connection was a second SQLite writer: under ingest it waited for the write lock the event
/// writer hardly ever released and paid its own fsync, so runs fell behind ingest.
/// </summary>
public sealed class RunClaims(EventStoreWriter writer, SqliteConnectionFactory connections, TimeProvider clock)
{
    private long _statements;
    private long _loads;

    /// <summary>Claim statements sent to the writer since start (both kinds).</summary>
    public long ClaimStatements => Interlocked.Read(ref _statements);

    /// <summary>Batch loads of claimed runs since start.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>As <see cref="RunStore.ClaimAsync(int, RunHold?, CancellationToken)"/>, committed by the event writer.</summary>
    public async Task<IReadOnlyList<long>> ClaimAsync(int limit, RunHold? hold, CancellationToken cancellationToken)
    {
        List<long> ids = [];
        var statement = new StoreStatement(RunStore.ClaimSql, RunStore.ClaimParameters(RunStatements.Ms(clock.GetUtcNow()), limit, hold))
        {
            ReadRows = reader => ids = ReadIds(reader),
        };
        await WriteAsync(statement, cancellationToken).ConfigureAwait(false);
        ids.Sort();
        return ids;
    }

    /// <summary>
    /// Claims the fresh Queued runs of the given events (a JetStream fetch; retries, delays and replays are left to the
    /// embedded dispatcher), committed by the event writer: one statement in the next group commit. A claim for another
    /// instance records it in <c>ExecutedBy</c> in the same statement.
    /// </summary>
    public async Task<IReadOnlyList<long>> ClaimForEventsAsync(IReadOnlyList<long> eventSeqs, CancellationToken cancellationToken, string? executedBy = null)
    {
        if (eventSeqs.Count == 0)
        {
            return [];
        }

        List<long> ids = [];
        var statement = new StoreStatement("""
            UPDATE runs SET State = 'Running', UpdatedAt = $now, ExecutedBy = COALESCE($by, ExecutedBy)
            WHERE EventSeq IN (SELECT value FROM json_each($seqs)) AND ReplayOf IS NULL AND State = 'Queued' AND NextAttemptAt IS NULL AND UpdatedAt IS NULL
            RETURNING Id;
            """, [new("$now", RunStatements.Ms(clock.GetUtcNow())), new("$seqs", JsonArray(eventSeqs)), new("$by", executedBy)])
        {
            ReadRows = reader => ids = ReadIds(reader),
        };
        await WriteAsync(statement, cancellationToken).ConfigureAwait(false);
        ids.Sort();
        return ids;
    }

    /// <summary>The records of the given runs (in id order; a run that no longer exists is left out).</summary>
    public async Task<IReadOnlyList<RunRecord>> LoadAsync(IReadOnlyList<long> runIds, CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
        {
            return [];
        }

        Interlocked.Increment(ref _loads);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            {RunRecordReader.Select}
            WHERE r.Id IN (SELECT value FROM json_each($ids))
            ORDER BY r.Id;
            """;
        command.Parameters.AddWithValue("$ids", JsonArray(runIds));
        var runs = new List<RunRecord>(runIds.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(RunRecordReader.Read(reader));
        }

        return runs;
    }

    private async Task WriteAsync(StoreStatement statement, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _statements);
        var request = WriteRequest.ForStatements([statement]);
        await writer.EnqueueAsync(request, cancellationToken).ConfigureAwait(false);
        await request.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string JsonArray(IEnumerable<long> values) =>
        "[" + string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";

    private static List<long> ReadIds(SqliteDataReader reader)
    {
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}
