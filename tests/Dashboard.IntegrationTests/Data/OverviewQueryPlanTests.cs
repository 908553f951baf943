using Dashboard.Web.Features.Home;
using Microsoft.Data.Sqlite;

namespace Dashboard.IntegrationTests.Data;

/// <summary>The overview's rejected count, which runs every few seconds, must read the rejected rows only, not the whole ledger.</summary>
public sealed class OverviewQueryPlanTests : IAsyncLifetime
{
    private MigratedStore _store = null!;
    private SqliteConnection _db = null!;

    public async Task InitializeAsync()
    {
        _store = await MigratedStore.CreateAsync();
        _db = await _store.Connections.OpenAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await _store.DisposeAsync();
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
}
