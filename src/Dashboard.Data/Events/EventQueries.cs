using Microsoft.Data.Sqlite;

namespace Dashboard.Data.Events;

/// <summary>Reads stored events, their ledger trail and their runs with plain SQL (no change tracking).</summary>
public sealed class EventQueries(SqliteConnectionFactory connections)
{
    private const string EventColumns = """
        e.Seq, e.Id, e.Source, e.Type, e.Subject, e.Time, e.DataContentType, e.DataSchema, e.Extensions, e.Data, e.DataIsJson,
        e.DefinitionId, d.Key, e.ContentMode, e.Initiator, e.CausationId, e.ReceivedAt
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
    /// Every ledger entry about this event identity (<see cref="LedgerLogSql.ForIdentity"/>): the acceptance, duplicates
    /// and rejections with the same id, in arrival order.
    /// </summary>
    public Task<List<LedgerView>> LedgerForAsync(string source, string id, CancellationToken cancellationToken) =>
        QueryAsync(LedgerLogSql.ForIdentity, ReadLedger, cancellationToken, source, id);

    /// <summary>One ledger entry by its Id: a ledger row's, or an accepted event's (its negated Seq).</summary>
    public async Task<LedgerView?> LedgerRowAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync(LedgerLogSql.ById(id), ReadLedger, cancellationToken, id).ConfigureAwait(false)).FirstOrDefault();

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

    /// <summary>The newest ledger entries, optionally of one outcome or definition.</summary>
    public async Task<Page<LedgerView>> LedgerAsync(string? outcome, long? definitionId, int skip, int take, CancellationToken cancellationToken)
    {
        var items = await QueryAsync(LedgerLogSql.Page, ReadLedger, cancellationToken, outcome, definitionId, take, skip).ConfigureAwait(false);
        var total = await QueryAsync(LedgerLogSql.Count, r => r.GetInt64(0), cancellationToken, outcome, definitionId).ConfigureAwait(false);
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

    /// <summary>Reads a <see cref="LedgerLogSql"/> row (column 0 is its position in the log).</summary>
    private static LedgerView ReadLedger(SqliteDataReader r) => new(
        r.GetInt64(1), Time(r.GetInt64(2)), NullableString(r, 3), NullableString(r, 4), NullableString(r, 5), r.GetString(6), r.GetInt32(7),
        NullableString(r, 8), r.IsDBNull(9) ? null : r.GetInt64(9), NullableString(r, 10), r.IsDBNull(11) ? null : r.GetInt64(11),
        NullableString(r, 12), NullableString(r, 13), NullableString(r, 14), r.IsDBNull(15) ? null : r.GetInt64(15), NullableString(r, 16), NullableString(r, 17));

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
