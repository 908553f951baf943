using Dashboard.Data.Migrations;
using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Data;

public sealed class SqliteStoreTests
{
    [Fact]
    public async Task Startup_FreshDataFolder_DatabaseFileIsWalAndMigrated()
    {
        await using var host = await DashboardHost.StartAsync();

        Assert.True(File.Exists(host.DatabasePath));
        using var db = SqliteFile.Open(host.DatabasePath);
        Assert.Equal("wal", SqliteFile.Scalar(db, "PRAGMA journal_mode"));
        var applied = SqliteFile.Rows(db, "SELECT Version, Name FROM schema_migrations ORDER BY Version")
            .Select(r => ((long)r[0]!, (string)r[1]!)).ToList();
        Assert.Equal(SchemaMigrator.All.Select(m => ((long)m.Version, m.Name)).OrderBy(m => m.Item1), applied);
        Assert.Contains(host.Logs.Lines, line => line.Contains("journal_mode=wal, synchronous=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_FreshDataFolder_AllMigratedTablesExist()
    {
        await using var host = await DashboardHost.StartAsync();

        using var db = SqliteFile.Open(host.DatabasePath);
        var tables = SqliteFile.Rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").Select(r => (string)r[0]!).ToHashSet();
        foreach (var table in new[] { "schema_migrations", "event_definitions", "workflow_definitions", "workflow_versions", "users", "api_tokens", "audit_entries", "events", "ingestion_ledger" })
        {
            Assert.Contains(table, tables);
        }
    }
}
