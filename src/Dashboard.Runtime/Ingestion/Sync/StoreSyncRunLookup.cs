using Dashboard.Data;
using Dashboard.Runtime.Contracts;
using Microsoft.Data.Sqlite;

namespace Dashboard.Runtime.Ingestion.Sync;

/// <summary>Reads a sync event's run and stored answer from this instance's SQLite (the owner's store).</summary>
public sealed class StoreSyncRunLookup(SqliteConnectionFactory connections) : ISyncRunLookup
{
    /// <summary>
    /// The event's first run that is not a replay: a replay never answers the caller. <c>ReplayOf IS NULL</c> also lets
    /// the join use the partial index <c>IX_runs_Event_Workflow</c>; without it every lookup scanned all runs, which cost
    /// each sync request time proportional to the run history, on a thread-pool thread.
    /// </summary>
    private const string Select = """
        SELECT e.Seq, r.Id, r.State, r.Error, r.ResponseStatus, r.Response
        FROM events e LEFT JOIN runs r ON r.EventSeq = e.Seq AND r.ReplayOf IS NULL
        """;

    /// <summary>By sequence number (<c>$seq</c>).</summary>
    public const string BySeqSql = $"{Select} WHERE e.Seq = $seq ORDER BY r.Id LIMIT 1;";

    /// <summary>By CloudEvents identity (<c>$source</c>, <c>$id</c>).</summary>
    public const string ByIdentitySql = $"{Select} WHERE e.Source = $source AND e.Id = $id ORDER BY r.Id LIMIT 1;";

    /// <summary>An event's identity by its sequence number (the primary key).</summary>
    public const string IdentitySql = "SELECT Source, Id FROM events WHERE Seq = $seq;";

    public Task<SyncRunState?> FindAsync(long eventSeq, CancellationToken cancellationToken) =>
        QueryAsync(BySeqSql, [new("$seq", eventSeq)], Read, cancellationToken);

    public Task<SyncRunState?> FindAsync(string source, string id, CancellationToken cancellationToken) =>
        QueryAsync(ByIdentitySql, [new("$source", source), new("$id", id)], Read, cancellationToken);

    public Task<SyncEventIdentity?> FindIdentityAsync(long eventSeq, CancellationToken cancellationToken) =>
        QueryAsync(IdentitySql, [new("$seq", eventSeq)], r => new SyncEventIdentity(r.GetString(0), r.GetString(1)), cancellationToken);

    private async Task<T?> QueryAsync<T>(string sql, KeyValuePair<string, object>[] parameters, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
    }

    private static SyncRunState Read(SqliteDataReader reader)
    {
        var seq = reader.GetInt64(0);
        long? runId = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        var finished = runId is { } run && !reader.IsDBNull(4)
            ? new SyncRunFinished(run, seq, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5))
            : null;
        return new SyncRunState(seq, runId, finished);
    }
}
