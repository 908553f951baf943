using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dashboard.Data.Events;

/// <summary>
/// One statement the writer runs for every event or run, prepared once on its connection and bound by position.
/// Microsoft.Data.Sqlite binds by name on every execution (the name converted to UTF-8 and looked up per parameter, a
/// binder object per value) and runs every statement through a data reader; for the rows every event and run write,
/// that was most of the managed cost of the statement. Runs inside the writer's transaction (the same connection);
/// errors surface as <see cref="SqliteException"/>, as they did.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    private RawStatement(SqliteConnection connection, sqlite3_stmt statement)
    {
        _connection = connection;
        _statement = statement;
        ParameterCount = raw.sqlite3_bind_parameter_count(statement);
    }

    /// <summary>Prepares <paramref name="sql"/>, which must be exactly one statement.</summary>
    public static RawStatement Prepare(SqliteConnection connection, string sql) =>
        TryPrepare(connection, sql) ?? throw new ArgumentException("Expected exactly one SQL statement.", nameof(sql));

    /// <summary>Prepares <paramref name="sql"/>; null when it holds more than one statement (or none).</summary>
    public static RawStatement? TryPrepare(SqliteConnection connection, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement, out var tail);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        if (statement.IsInvalid || !string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            return null;
        }

        return new RawStatement(connection, statement);
    }

    /// <summary>The statement's parameters, bound by position from 1.</summary>
    public int ParameterCount { get; }

    /// <summary>The position of a named parameter (<c>$name</c>), or 0 when the statement has none by that name.</summary>
    public int IndexOf(string name) => raw.sqlite3_bind_parameter_index(_statement, name);

    /// <summary>Binds text as UTF-16 from the string itself (no UTF-8 copy); an empty string stays empty text, never NULL.</summary>
    public void Bind(int index, string? value) => Check(value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        "" => raw.sqlite3_bind_text(_statement, index, ""),
        _ => raw.sqlite3_bind_text16(_statement, index, value),
    });

    public void Bind(int index, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

    public void Bind(int index, ReadOnlyMemory<byte>? value) =>
        Check(value is { } bytes ? raw.sqlite3_bind_blob(_statement, index, bytes.Span) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>
    /// Binds a value as Microsoft.Data.Sqlite would for the types the writer's statements use (null, text, integers,
    /// booleans as 0/1, byte arrays); false for any other type, which the caller then binds the usual way.
    /// </summary>
    public bool TryBind(int index, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                Check(raw.sqlite3_bind_null(_statement, index));
                return true;
            case string text:
                Bind(index, text);
                return true;
            case long number:
                Bind(index, number);
                return true;
            case int number:
                Bind(index, number);
                return true;
            case bool flag:
                Bind(index, flag ? 1 : 0);
                return true;
            case byte[] bytes:
                Check(raw.sqlite3_bind_blob(_statement, index, bytes));
                return true;
            default:
                return false;
        }
    }

    /// <summary>Runs the insert; the new row's rowid, or null when no row was inserted (<c>ON CONFLICT DO NOTHING</c>).</summary>
    public long? Insert()
    {
        var db = _connection.Handle!;
        Execute();
        return raw.sqlite3_changes(db) > 0 ? raw.sqlite3_last_insert_rowid(db) : null;
    }

    /// <summary>Runs the statement to its end (rows it returns are skipped), then resets it and clears its bindings.</summary>
    public void Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
            }
        }
        finally
        {
            Clear();
        }
    }

    /// <summary>Resets the statement and clears its bindings (also after binding failed before it ran).</summary>
    public void Clear()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }

    public void Dispose() => _statement.Dispose();
}
