using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dashboard.Data.Events;

/// <summary>
/// One insert the writer runs for every event, prepared once on its connection and bound by position. Microsoft.Data.Sqlite
/// binds by name on every execution (the name converted to UTF-8 and looked up per parameter, a binder object per value)
/// and reads the result through a data reader; for the rows every event writes, that was most of the managed cost of
/// the statement. Runs inside the writer's transaction (the same connection); errors surface as <see cref="SqliteException"/>.
/// </summary>
internal sealed class RowInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    public RowInsert(SqliteConnection connection, string sql)
    {
        _connection = connection;
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        ParameterCount = raw.sqlite3_bind_parameter_count(_statement);
    }

    /// <summary>The statement's parameters, bound by position from 1.</summary>
    public int ParameterCount { get; }

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

    /// <summary>Runs the insert; the new row's rowid, or null when no row was inserted (<c>ON CONFLICT DO NOTHING</c>).</summary>
    public long? Insert()
    {
        var db = _connection.Handle!;
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }

            return raw.sqlite3_changes(db) > 0 ? raw.sqlite3_last_insert_rowid(db) : null;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
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
