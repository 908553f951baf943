using Dashboard.Data.Events;
using Dashboard.Runtime.Ingestion.Sync;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Runtime.Workflows.Services;
using Dashboard.Web.Features.Home;
using Microsoft.Data.Sqlite;

namespace Dashboard.IntegrationTests.Data;

/// <summary>Queries that must stay cheap as the store grows, checked against their plans on a migrated store.</summary>
public sealed class QueryPlanTests : IAsyncLifetime
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
    public void RejectedCount_MigratedStore_UsesThePartialIndexAndCountsOnlyRejectedRowsInRange()
    {
        Execute("""
            INSERT INTO ingestion_ledger (At, Outcome, Status) VALUES (1, 'Accepted', 202), (2, 'RejectedAuth', 401),
                                                                    (3, 'RejectedInvalid', 400), (4, 'Duplicate', 200), (9, 'RejectedAuth', 401);
            """);
        (string, object?)[] range = [("$from", 0L), ("$to", 5L)];

        var plan = Read("EXPLAIN QUERY PLAN " + OverviewQueries.RejectedCountSql, range, reader => reader.GetString(3));
        var count = Read(OverviewQueries.RejectedCountSql, range, reader => reader.GetInt64(0));

        Assert.Contains(plan, step => step.Contains("IX_ingestion_ledger_Rejected_At", StringComparison.Ordinal));
        Assert.Equal([2L], count);
    }

    [Fact]
    public void LedgerPage_MigratedStore_MergesLedgerRowsAndAcceptedEventsByPositionWithoutSorting()
    {
        Execute("""
            INSERT INTO events (Seq, Id, Source, Type, ContentMode, ReceivedAt, Status) VALUES (1, 'a', 's', 't', 'binary', 1, 202), (2, 'b', 's', 't', 'binary', 3, 202);
            INSERT INTO events (Seq, Id, Source, Type, ContentMode, ReceivedAt) VALUES (3, 'old', 's', 't', 'binary', 4);
            INSERT INTO ingestion_ledger (Id, At, Outcome, Status, EventMark) VALUES (1, 2, 'RejectedAuth', 401, 1.5), (2, 5, 'Duplicate', 200, 3.5);
            INSERT INTO ingestion_ledger (Id, At, Outcome, Status, EventSeq, EventMark) VALUES (3, 4, 'Accepted', 202, 3, 3);
            """);
        (string, object?)[] parameters = [("$p0", null), ("$p1", null), ("$p2", 4L), ("$p3", 0L)];

        var plan = Read("EXPLAIN QUERY PLAN " + LedgerLogSql.Page, parameters, reader => reader.GetString(3));
        var ids = Read(LedgerLogSql.Page, parameters, reader => reader.GetInt64(1));

        Assert.Contains(plan, step => step.Contains("MERGE (UNION ALL)", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("IX_ingestion_ledger_EventMark", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.Equal([2L, 3L, -2L, 1L], ids);
    }

    [Theory]
    [InlineData(null, null, 5L)]
    [InlineData("Accepted", null, 3L)]
    [InlineData("Duplicate", null, 1L)]
    [InlineData(null, 9L, 2L)]
    public void LedgerCount_MigratedStore_CountsBothKindsWithoutReadingTheEventsTable(string? outcome, long? definition, long expected)
    {
        Execute("""
            INSERT INTO events (Seq, Id, Source, Type, ContentMode, ReceivedAt, Status, DefinitionId) VALUES
                (1, 'a', 's', 't', 'binary', 1, 202, 9), (2, 'b', 's', 't', 'binary', 3, 202, NULL);
            INSERT INTO events (Seq, Id, Source, Type, ContentMode, ReceivedAt, DefinitionId) VALUES (3, 'old', 's', 't', 'binary', 4, 9);
            INSERT INTO ingestion_ledger (Id, At, Outcome, Status, EventMark) VALUES (1, 2, 'RejectedAuth', 401, 1.5), (2, 5, 'Duplicate', 200, 3.5);
            INSERT INTO ingestion_ledger (Id, At, Outcome, Status, EventSeq, DefinitionId, EventMark) VALUES (3, 4, 'Accepted', 202, 3, 9, 3);
            """);
        (string, object?)[] parameters = [("$p0", outcome), ("$p1", definition)];

        var plan = Read("EXPLAIN QUERY PLAN " + LedgerLogSql.Count, parameters, reader => reader.GetString(3));
        var count = Read(LedgerLogSql.Count, parameters, reader => reader.GetInt64(0));

        Assert.DoesNotContain(plan, step => step == "SCAN e");
        Assert.Contains(plan, step => step.Contains("IX_events_WithoutEntry", StringComparison.Ordinal));
        Assert.Equal([expected], count);
        Assert.Equal(expected, Read(LedgerLogSql.Page, [.. parameters, ("$p2", 50L), ("$p3", 0L)], reader => reader.GetInt64(1)).Count);
    }

    [Fact]
    public void LedgerLookups_MigratedStore_ReadByKeysAndIndexesWithoutScanning()
    {
        Execute("""
            INSERT INTO events (Seq, Id, Source, Type, ContentMode, ReceivedAt) VALUES (1, 'old', 's', 't', 'binary', 1);
            INSERT INTO events (Seq, Id, Source, Type, ContentMode, ReceivedAt, Status) VALUES (2, 'new', 's', 't', 'binary', 2, 202);
            INSERT INTO ingestion_ledger (Id, At, Outcome, Status, EventSeq, EventSource, EventId, EventMark) VALUES
                (1, 1, 'Accepted', 202, 1, 's', 'old', 1), (2, 3, 'Duplicate', 200, NULL, 's', 'new', 2.5), (3, 4, 'Duplicate', 200, NULL, 's', 'old', 2.5);
            """);
        (string, object?)[] identity = [("$p0", "s"), ("$p1", "new")];

        var plans = new[] { (LedgerLogSql.ForIdentity, identity), (LedgerLogSql.ById(-2), [("$p0", -2L)]), (LedgerLogSql.ById(3), [("$p0", 3L)]) }
            .SelectMany(q => Read("EXPLAIN QUERY PLAN " + q.Item1, q.Item2, reader => reader.GetString(3))).ToList();

        Assert.DoesNotContain(plans, step => step.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.Equal([-2L, 2L], Read(LedgerLogSql.ForIdentity, identity, reader => reader.GetInt64(1)));
        Assert.Equal([1L, 3L], Read(LedgerLogSql.ForIdentity, [("$p0", "s"), ("$p1", "old")], reader => reader.GetInt64(1)));
        Assert.Equal(["new"], Read(LedgerLogSql.ById(-2), [("$p0", -2L)], reader => reader.GetString(12)));
        Assert.Empty(Read(LedgerLogSql.ById(-1), [("$p0", -1L)], reader => reader.GetString(12)));
    }

    [Fact]
    public void MaxDeliveriesDeadLetter_MigratedStore_FindsTheEventsOriginalQueuedRunsThroughTheEventIndex()
    {
        Execute("""
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, ReplayOf)
            VALUES (1, 1, 1, 7, 'Queued', 10, NULL), (2, 2, 1, 7, 'Succeeded', 10, NULL), (3, 2, 1, 7, 'Queued', 20, 2),
                   (4, 1, 1, 8, 'Queued', 10, NULL);
            """);
        (string, object?)[] parameters = [("$reason", "max deliveries"), ("$now", 30L), ("$seq", 7L)];

        var plan = Read("EXPLAIN QUERY PLAN " + MaxDeliveriesWatcher.DeadLetterQueuedRunsSql, parameters, reader => reader.GetString(3));
        var deadLettered = Read(MaxDeliveriesWatcher.DeadLetterQueuedRunsSql, parameters, reader => reader.GetInt64(0));

        Assert.Contains(plan, step => step.Contains("IX_runs_Event_Workflow", StringComparison.Ordinal));
        Assert.Equal([1L], deadLettered);
        Assert.Equal(["DeadLettered", "Succeeded", "Queued", "Queued"], Read("SELECT State FROM runs ORDER BY Id", [], reader => reader.GetString(0)));
    }

    [Fact]
    public void RunsPage_MigratedStore_ReadsTheWorkflowIndexInIdOrderWithoutSorting()
    {
        Execute("""
            INSERT INTO runs (WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt)
            VALUES (1, 1, 1, 'Succeeded', 10), (2, 1, 2, 'Failed', 20), (1, 1, 3, 'Queued', 5), (1, 1, 4, 'Succeeded', 30);
            """);

        (string, object?)[] parameters = [("$wf", 1L), ("$state", null), ("$from", null), ("$to", null), ("$take", 2L), ("$skip", 0L)];

        var plan = Read("EXPLAIN QUERY PLAN " + RunQueries.RunsPageSql, parameters, reader => reader.GetString(3) + " ");
        var ids = Read(RunQueries.RunsPageSql, parameters, reader => reader.GetInt64(0));

        Assert.Contains(plan, step => step.Contains("IX_runs_Workflow ", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.Equal([4L, 3L], ids);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SyncRunLookup_MigratedStore_ReadsTheEventsRunsByIndexAndSkipsReplays(bool byIdentity)
    {
        Execute("""
            INSERT INTO events (Seq, Id, Source, Type, ReceivedAt, Data, DataIsJson, ContentMode) VALUES (7, 'e-7', 'src', 't', 1, '{}', 1, 'binary');
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt) VALUES (1, 1, 1, 3, 'Succeeded', 1);
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, ReplayOf) VALUES (2, 1, 1, 7, 'Succeeded', 2, 1);
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt) VALUES (3, 1, 1, 7, 'Running', 3);
            """);
        var sql = byIdentity ? StoreSyncRunLookup.ByIdentitySql : StoreSyncRunLookup.BySeqSql;
        (string, object?)[] parameters = byIdentity ? [("$source", "src"), ("$id", "e-7")] : [("$seq", 7L)];

        var plan = Read("EXPLAIN QUERY PLAN " + sql, parameters, reader => reader.GetString(3));
        var runIds = Read(sql, parameters, reader => reader.GetInt64(1));

        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("IX_runs_Event_Workflow", StringComparison.Ordinal));
        Assert.Equal([3L], runIds);
    }

    [Fact]
    public void EventRuns_MigratedStore_ReadsByIndexesAndIncludesReplayChains()
    {
        Execute("""
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt) VALUES (1, 1, 1, 3, 'Succeeded', 1);
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt) VALUES (2, 1, 1, 7, 'Failed', 2);
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt) VALUES (3, 2, 1, 7, 'Succeeded', 3);
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, ReplayOf) VALUES (4, 1, 2, 7, 'Failed', 4, 2);
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, ReplayOf) VALUES (5, 1, 2, 7, 'Succeeded', 5, 4);
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, ReplayOf) VALUES (6, 1, 1, 3, 'Succeeded', 6, 1);
            """);
        (string, object?)[] parameters = [("$p0", 7L)];

        var plan = Read("EXPLAIN QUERY PLAN " + Dashboard.Data.Events.EventQueries.RunsForSql, parameters, reader => reader.GetString(3));
        var runIds = Read(Dashboard.Data.Events.EventQueries.RunsForSql, parameters, reader => reader.GetInt64(0));

        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN r", StringComparison.Ordinal) || step.StartsWith("SCAN runs", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("IX_runs_Event_Workflow", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("IX_runs_ReplayOf", StringComparison.Ordinal));
        Assert.Equal([2L, 3L, 4L, 5L], runIds);
    }

    private List<T> Read<T>(string sql, (string Name, object? Value)[] parameters, Func<SqliteDataReader, T> read)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private void Execute(string sql)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
