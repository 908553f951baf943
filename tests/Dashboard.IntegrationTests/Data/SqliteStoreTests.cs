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
        Assert.Equal("4096", SqliteFile.Scalar(db, "PRAGMA page_size"));
    }

    [Fact]
    public async Task Startup_PageSizeSet_NewFileTakesItAndAnExistingFileKeepsItsOwn()
    {
        var first = await DashboardHost.StartAsync(new Dictionary<string, string> { ["Storage:PageSize"] = "1024" });
        try
        {
            using var db = SqliteFile.Open(first.DatabasePath);
            Assert.Equal("1024", SqliteFile.Scalar(db, "PRAGMA page_size"));
        }
        finally
        {
            await first.StopKeepingDataAsync();
        }

        await using var second = await DashboardHost.StartAsync(new Dictionary<string, string> { ["Storage:PageSize"] = "8192" }, existingDataPath: first.DataPath);

        using var reopened = SqliteFile.Open(second.DatabasePath);
        Assert.Equal("1024", SqliteFile.Scalar(reopened, "PRAGMA page_size"));
        Assert.Equal("wal", SqliteFile.Scalar(reopened, "PRAGMA journal_mode"));
        Assert.Contains(second.Logs.Lines, line => line.Contains("page_size=1024", StringComparison.Ordinal));
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
