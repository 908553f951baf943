using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Dashboard.Data.Migrations;

/// <summary>Applies the hand-written migrations that the database has not seen yet, each in its own transaction.</summary>
public sealed class SchemaMigrator(SqliteConnectionFactory connections, ILogger<SchemaMigrator> logger)
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        M001_Definitions.Migration,
        M002_Events.Migration,
        M003_Workflows.Migration,
        M004_SourceSettings.Migration,
        M005_NatsStream.Migration,
        M006_RunExecutedBy.Migration,
        M007_DropRedundantRunStateIndex.Migration,
        M008_LedgerIdentityIndexForUnstoredRows.Migration,
        M009_RejectedLedgerIndex.Migration,
        M010_RunsByWorkflowIndex.Migration,
        M011_WebhookIds.Migration,
        M012_PrunedEventIdentities.Migration,
        M013_EventDefinitionVersions.Migration,
        M014_RabbitMqSource.Migration,
        M015_SyncEvents.Migration,
        M016_LedgerTrace.Migration,
        M017_RunStartMark.Migration,
        M018_DropArrivalTimeIndexes.Migration,
        M019_SharedTraces.Migration,
        M020_EventRowAsAcceptedOutcome.Migration,
        M021_RunFinishMark.Migration,
    ];

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (Version INTEGER PRIMARY KEY, Name TEXT NOT NULL, AppliedAt INTEGER NOT NULL);",
            cancellationToken).ConfigureAwait(false);

        var applied = new HashSet<long>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Version FROM schema_migrations;";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt64(0));
            }
        }

        foreach (var migration in All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (Version, Name, AppliedAt) VALUES ($v, $n, $t);";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$n", migration.Name);
                record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Applied schema migration {Version} ({Name})", migration.Version, migration.Name);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
