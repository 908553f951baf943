using Dashboard.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Data;

/// <summary>
/// Startup step: switches the file to WAL, applies migrations, and reads the durability pragmas back so the
/// log shows what is really in force.
/// </summary>
public sealed class DatabaseInitializer(
    SqliteConnectionFactory connections, SchemaMigrator migrator, IOptions<StorageOptions> storage, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            // Takes effect only while the file is new: before its first table, and before WAL mode fixes the page size.
            await ScalarAsync(connection, $"PRAGMA page_size={storage.Value.PageSize};", cancellationToken).ConfigureAwait(false);
            var journalMode = await ScalarAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            var synchronous = await ScalarAsync(connection, "PRAGMA synchronous;", cancellationToken).ConfigureAwait(false);
            var pageSize = await ScalarAsync(connection, "PRAGMA page_size;", cancellationToken).ConfigureAwait(false);
            logger.LogInformation("SQLite {Path}: journal_mode={JournalMode}, synchronous={Synchronous} (2 = FULL), page_size={PageSize}",
                connection.DataSource, journalMode, synchronous, pageSize);
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != "2")
            {
                throw new InvalidOperationException($"SQLite durability settings not in force: journal_mode={journalMode}, synchronous={synchronous}.");
            }
        }

        await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))?.ToString();
    }
}
