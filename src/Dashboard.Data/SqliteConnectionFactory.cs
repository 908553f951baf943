using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Dashboard.Data;

/// <summary>
/// Opens connections to the one database file with the per-connection pragmas every writer needs:
/// synchronous=FULL (durable before acknowledged), foreign keys on, and a busy timeout.
/// </summary>
public sealed class SqliteConnectionFactory
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;

    public SqliteConnectionFactory(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        Directory.CreateDirectory(Path.GetDirectoryName(storage.DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = storage.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        _busyTimeoutMilliseconds = storage.BusyTimeoutMilliseconds;
    }

    public string ConnectionString => _connectionString;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        ApplyPragmas(connection, _busyTimeoutMilliseconds);
        return connection;
    }

    public static void ApplyPragmas(SqliteConnection connection, int busyTimeoutMilliseconds)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busyTimeoutMilliseconds};";
        command.ExecuteNonQuery();
    }
}
