using Dashboard.Data;
using Dashboard.Data.Migrations;
using Dashboard.Web.Features.Home;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.IntegrationTests.Data;

/// <summary>The overview's rejected count, which runs every few seconds, must read the rejected rows only, not the whole ledger.</summary>
public sealed class OverviewQueryPlanTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"overview-{Guid.NewGuid():N}");
    private SqliteConnection _db = null!;

    public async Task InitializeAsync()
    {
        var connections = new SqliteConnectionFactory(Options.Create(new StorageOptions { DataPath = _folder }));
        await new SchemaMigrator(connections, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        _db = await connections.OpenAsync(CancellationToken.None);
    }

    [Fact]
    public void RejectedCount_MigratedStore_UsesThePartialIndexAndCountsOnlyRejectedRows()
    {
        Execute("""
            INSERT INTO ingestion_ledger (At, Outcome, Status) VALUES (1, 'Accepted', 202), (2, 'RejectedAuth', 401),
                                                                    (3, 'RejectedInvalid', 400), (4, 'Duplicate', 200);
            """);

        using var plan = _db.CreateCommand();
        plan.CommandText = "EXPLAIN QUERY PLAN " + OverviewQueries.RejectedCountSql;
        using (var reader = plan.ExecuteReader())
        {
            Assert.True(reader.Read());
            Assert.Contains("IX_ingestion_ledger_Rejected_At", reader.GetString(3), StringComparison.Ordinal);
        }

        using var count = _db.CreateCommand();
        count.CommandText = OverviewQueries.RejectedCountSql;
        Assert.Equal(2L, count.ExecuteScalar());
    }

    private void Execute(string sql)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
