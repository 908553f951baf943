using Dashboard.Data.Telemetry;
using Microsoft.Data.Sqlite;

namespace Dashboard.Data.Events;

/// <summary>The writer's prepared statements, created once on its connection and reused for every row.</summary>
internal sealed class EventStoreCommands : IDisposable
{
    public EventStoreCommands(SqliteConnection connection)
    {
        _connection = connection;
        // An accepted event's ledger entry is its own row (M020): the request's details are written with it.
        // Bound by position in this order (see EventStoreRows); a duplicate inserts no row (no rowid).
        InsertEvent = RawStatement.Prepare(connection, """
            INSERT INTO events (Id, Source, Type, Subject, Time, DataContentType, DataSchema, Extensions, Data, DataIsJson,
                                DefinitionId, ContentMode, Initiator, CausationId, ReceivedAt, RemoteAddress, Route, Status, TokenId, Routing, TraceId)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
            ON CONFLICT (Source, Id) DO NOTHING;
            """);
        // Only what was not stored (rejections, duplicates) has a ledger row; its mark places it after the newest event (M020).
        InsertLedger = Prepare(connection, """
            INSERT INTO ingestion_ledger (At, RemoteAddress, Route, ContentMode, Outcome, Status, Reason, DefinitionId, TokenId,
                                          EventId, EventSource, EventType, EventSeq, Routing, Trace, TraceId, EventMark)
            VALUES ($at, $remote, $route, $mode, $outcome, $status, $reason, $def, $token, $eid, $esource, $etype, $seq, $routing, $trace, $traceid,
                    IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0) + 0.5)
            RETURNING Id;
            """, "$at", "$remote", "$route", "$mode", "$outcome", "$status", "$reason", "$def", "$token", "$eid", "$esource", "$etype", "$seq", "$routing", "$trace", "$traceid");
        StoredSeq = Prepare(connection, "SELECT Seq FROM events WHERE Source = $source AND Id = $id;", "$source", "$id");
        // (WorkflowId, WorkflowVersion, EventSeq, CreatedAt) by position; a claimed run also sets what a claim sets (State, UpdatedAt).
        InsertRun = RawStatement.Prepare(connection, "INSERT INTO runs (WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt) VALUES (?1, ?2, ?3, 'Queued', ?4);");
        InsertClaimedRun = RawStatement.Prepare(connection,
            "INSERT INTO runs (WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, UpdatedAt) VALUES (?1, ?2, ?3, 'Running', ?4, ?4);");
        InsertActivity = Prepare(connection, """
            INSERT INTO activity (At, WorkflowId, Kind, Message, Actor, EventSeq, RunId, LedgerId, RemoteAddress, TokenId)
            VALUES ($at, $wf, $kind, $message, $actor, NULL, NULL, $ledger, $remote, $token);
            """, "$at", "$wf", "$kind", "$message", "$actor", "$ledger", "$remote", "$token");
        TokenUsed = Prepare(connection, "UPDATE api_tokens SET LastUsedAt = MAX(COALESCE(LastUsedAt, 0), $at) WHERE Id = $id;", "$at", "$id");
        TokenFailed = Prepare(connection, "UPDATE api_tokens SET FailureCount = FailureCount + $count WHERE Id = $id;", "$id", "$count");
        Traces = new SharedTraces(connection);
    }

    /// <summary>The routing traces accepted events share (one row per distinct trace, M019).</summary>
    public SharedTraces Traces { get; }

    public RawStatement InsertEvent { get; }
    public SqliteCommand InsertLedger { get; }
    public RawStatement InsertRun { get; }

    /// <summary>A run inserted already claimed for a worker of this process (see <see cref="NewEvent.ClaimedRuns"/>).</summary>
    public RawStatement InsertClaimedRun { get; }

    /// <summary>The sequence number of the stored event a duplicate repeats (read only for duplicates).</summary>
    public SqliteCommand StoredSeq { get; }
    public SqliteCommand InsertActivity { get; }
    public SqliteCommand TokenUsed { get; }
    public SqliteCommand TokenFailed { get; }

    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PositionalStatement?> _positional = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;
    private SqliteTransaction? _transaction;

    /// <summary>
    /// Runs one statement in the current transaction. A single statement that returns nothing to read and whose values
    /// are plain (text, integers, booleans, bytes, null) runs prepared once per SQL text and bound by position; anything
    /// else through a command per distinct SQL text, bound by name.
    /// </summary>
    public void Execute(StoreStatement statement)
    {
        StoreMetrics.StatementExecuted();
        if (statement.ReadRows is null && Positional(statement.Sql) is { } positional && positional.TryExecute(statement.Parameters))
        {
            return;
        }

        if (!_statements.TryGetValue(statement.Sql, out var command))
        {
            command = _connection!.CreateCommand();
            command.CommandText = statement.Sql;
            _statements[statement.Sql] = command;
        }

        command.Transaction = _transaction;
        command.Parameters.Clear();
        foreach (var (name, value) in statement.Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        if (statement.ReadRows is { } read)
        {
            using var reader = command.ExecuteReader();
            read(reader);
            return;
        }

        command.ExecuteNonQuery();
    }

    /// <summary>The positional form of <paramref name="sql"/>, prepared on first use; null for SQL of several statements.</summary>
    private PositionalStatement? Positional(string sql)
    {
        if (!_positional.TryGetValue(sql, out var positional))
        {
            positional = RawStatement.TryPrepare(_connection!, sql) is { } prepared ? new PositionalStatement(prepared) : null;
            _positional[sql] = positional;
        }

        return positional;
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _transaction = transaction;
        Traces.Enlist(transaction);
        foreach (var command in new[] { InsertLedger, StoredSeq, InsertActivity, TokenUsed, TokenFailed })
        {
            command.Transaction = transaction;
        }
    }

    public void Dispose()
    {
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }

        foreach (var positional in _positional.Values)
        {
            positional?.Dispose();
        }

        Traces.Dispose();
        InsertEvent.Dispose();
        InsertLedger.Dispose();
        InsertRun.Dispose();
        InsertClaimedRun.Dispose();
        StoredSeq.Dispose();
        InsertActivity.Dispose();
        TokenUsed.Dispose();
        TokenFailed.Dispose();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    public static void Set(SqliteCommand command, string name, object? value) =>
        command.Parameters[name].Value = value ?? DBNull.Value;
}
