using Microsoft.Data.Sqlite;

namespace Dashboard.Data.Events;

/// <summary>Reads stored events, their ledger trail and their runs with plain SQL (no change tracking).</summary>
public sealed class EventQueries(SqliteConnectionFactory connections)
{
    private const string EventColumns = """
        e.Seq, e.Id, e.Source, e.Type, e.Subject, e.Time, e.DataContentType, e.DataSchema, e.Extensions, e.Data, e.DataIsJson,
        e.DefinitionId, d.Key, e.ContentMode, e.Initiator, e.CausationId, e.ReceivedAt
        """;

    private const string LedgerColumns = $"""
        l.Id, l.At, l.RemoteAddress, l.Route, l.ContentMode, l.Outcome, l.Status, l.Reason, l.DefinitionId, d.Key, l.TokenId,
        l.EventId, l.EventSource, l.EventType, l.EventSeq, l.Routing, {IngestionTrace.SqlColumn}
        """;

    public async Task<StoredEventView?> GetAsync(long seq, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {EventColumns} FROM events e LEFT JOIN event_definitions d ON d.Id = e.DefinitionId WHERE e.Seq = $p0",
            ReadEvent, cancellationToken, seq).ConfigureAwait(false);
        return rows.FirstOrDefault();
    }

    /// <summary>Events with a CloudEvents id (several sources may use the same id), newest first.</summary>
    public Task<List<StoredEventView>> FindByIdAsync(string id, string? source, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {EventColumns} FROM events e LEFT JOIN event_definitions d ON d.Id = e.DefinitionId WHERE e.Id = $p0 AND ($p1 IS NULL OR e.Source = $p1) ORDER BY e.Seq DESC LIMIT 20",
            ReadEvent, cancellationToken, id, source);

    /// <summary>
    /// Every ledger row about this event identity: the acceptance, duplicates and rejections with the same id. Rows of a
    /// stored event are found by its sequence number, the others (no stored event) by the identity index that holds only them.
    /// </summary>
    public Task<List<LedgerView>> LedgerForAsync(string source, string id, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {LedgerColumns} FROM ingestion_ledger l LEFT JOIN event_definitions d ON d.Id = l.DefinitionId {IngestionTrace.SqlJoin}
            WHERE l.EventSeq IN (SELECT Seq FROM events WHERE Source = $p0 AND Id = $p1)
               OR (l.EventSeq IS NULL AND l.EventSource = $p0 AND l.EventId = $p1)
            ORDER BY l.Id
            """,
            ReadLedger, cancellationToken, source, id);

    /// <summary>One ledger row (a rejection's trace is read through it).</summary>
    public async Task<LedgerView?> LedgerRowAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {LedgerColumns} FROM ingestion_ledger l LEFT JOIN event_definitions d ON d.Id = l.DefinitionId {IngestionTrace.SqlJoin} WHERE l.Id = $p0",
            ReadLedger, cancellationToken, id).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>
    /// An event's runs: its original runs through the partial index on (EventSeq) of runs that are no replay, then their
    /// replay chains through the ReplayOf index, then each run by its key (CROSS JOIN keeps that order). A plain
    /// <c>WHERE EventSeq = $p0</c> can use neither index and scans every run.
    /// </summary>
    public const string RunsForSql = """
        WITH RECURSIVE event_runs(Id) AS (
            SELECT Id FROM runs WHERE EventSeq = $p0 AND ReplayOf IS NULL
            UNION
            SELECT x.Id FROM event_runs c JOIN runs x ON x.ReplayOf = c.Id)
        SELECT r.Id, r.WorkflowId, w.Name, r.WorkflowVersion, r.State, r.CreatedAt
        FROM event_runs c CROSS JOIN runs r ON r.Id = c.Id LEFT JOIN workflow_definitions w ON w.Id = r.WorkflowId
        ORDER BY r.Id
        """;

    public Task<List<EventRunView>> RunsForAsync(long seq, CancellationToken cancellationToken) =>
        QueryAsync(RunsForSql,
            reader => new EventRunView(reader.GetInt64(0), reader.GetInt64(1), NullableString(reader, 2), reader.GetInt32(3), reader.GetString(4), Time(reader.GetInt64(5))),
            cancellationToken, seq);

    /// <summary>The newest ledger rows, optionally of one outcome or definition.</summary>
    public async Task<Page<LedgerView>> LedgerAsync(string? outcome, long? definitionId, int skip, int take, CancellationToken cancellationToken)
    {
        const string where = "WHERE ($p0 IS NULL OR l.Outcome = $p0) AND ($p1 IS NULL OR l.DefinitionId = $p1)";
        var items = await QueryAsync($"SELECT {LedgerColumns} FROM ingestion_ledger l LEFT JOIN event_definitions d ON d.Id = l.DefinitionId {IngestionTrace.SqlJoin} {where} ORDER BY l.Id DESC LIMIT $p2 OFFSET $p3",
            ReadLedger, cancellationToken, outcome, definitionId, take, skip).ConfigureAwait(false);
        var total = await QueryAsync($"SELECT COUNT(*) FROM ingestion_ledger l {where}", r => r.GetInt64(0), cancellationToken, outcome, definitionId).ConfigureAwait(false);
        return new Page<LedgerView>(items, total[0]);
    }

    private async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params object?[] parameters)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue($"$p{i}", parameters[i] ?? DBNull.Value);
        }

        var result = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(read(reader));
        }

        return result;
    }

    private static StoredEventView ReadEvent(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), NullableString(r, 4), r.IsDBNull(5) ? null : Time(r.GetInt64(5)),
        NullableString(r, 6), NullableString(r, 7), NullableString(r, 8), r.IsDBNull(9) ? null : (byte[])r.GetValue(9), r.GetInt64(10) != 0,
        r.IsDBNull(11) ? null : r.GetInt64(11), NullableString(r, 12), r.GetString(13), NullableString(r, 14), NullableString(r, 15), Time(r.GetInt64(16)));

    private static LedgerView ReadLedger(SqliteDataReader r) => new(
        r.GetInt64(0), Time(r.GetInt64(1)), NullableString(r, 2), NullableString(r, 3), NullableString(r, 4), r.GetString(5), r.GetInt32(6),
        NullableString(r, 7), r.IsDBNull(8) ? null : r.GetInt64(8), NullableString(r, 9), r.IsDBNull(10) ? null : r.GetInt64(10),
        NullableString(r, 11), NullableString(r, 12), NullableString(r, 13), r.IsDBNull(14) ? null : r.GetInt64(14), NullableString(r, 15), NullableString(r, 16));

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
