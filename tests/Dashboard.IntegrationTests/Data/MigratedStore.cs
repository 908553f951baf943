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
        var store = Empty();
        await store.MigrateAsync();
        return store;
    }

    /// <summary>A store with the migrations up to <paramref name="version"/> applied, as an older release left it; <see cref="MigrateAsync"/> applies the rest.</summary>
    public static async Task<MigratedStore> CreateAtVersionAsync(int version)
    {
        var store = Empty();
        await using var connection = await store.Connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE schema_migrations (Version INTEGER PRIMARY KEY, Name TEXT NOT NULL, AppliedAt INTEGER NOT NULL);";
        await command.ExecuteNonQueryAsync();
        foreach (var migration in SchemaMigrator.All.Where(m => m.Version <= version))
        {
            command.CommandText = migration.Sql + $"; INSERT INTO schema_migrations (Version, Name, AppliedAt) VALUES ({migration.Version}, 'test', 0);";
            await command.ExecuteNonQueryAsync();
        }

        return store;
    }

    /// <summary>A store in a new temporary folder, no migration applied yet.</summary>
    private static MigratedStore Empty()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"store-{Guid.NewGuid():N}");
        return new MigratedStore(folder, new SqliteConnectionFactory(Options.Create(new StorageOptions { DataPath = folder })));
    }

    /// <summary>Applies every migration the store has not seen yet.</summary>
    public Task MigrateAsync() => new SchemaMigrator(Connections, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);

    /// <summary>Runs statements outside the writer (to seed rows of an older shape).</summary>
    public void Execute(string sql)
    {
        using var connection = new SqliteConnection(Connections.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
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
