using Dashboard.Data;
using Dashboard.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.IntegrationTests.Data;

/// <summary>A real SQLite file in a temp folder with every migration applied, for tests of the data layer without the app.</summary>
public sealed class MigratedStore : IAsyncDisposable
{
    private readonly string _folder;

    private MigratedStore(string folder, SqliteConnectionFactory connections)
    {
        _folder = folder;
        Connections = connections;
    }

    public SqliteConnectionFactory Connections { get; }

    public static async Task<MigratedStore> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"store-{Guid.NewGuid():N}");
        var connections = new SqliteConnectionFactory(Options.Create(new StorageOptions { DataPath = folder }));
        await new SchemaMigrator(connections, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return new MigratedStore(folder, connections);
    }

    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection(Connections.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
