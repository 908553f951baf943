using System.Globalization;
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

    [Theory]
    [InlineData(null, null, false, "f4 s4 s3 f2 2 s2 f1 1 s1")]
    [InlineData(1L, null, false, "f2 2 s2 f1 1 s1")]
    [InlineData(null, "run-*", false, "f4 s4 s3 f2 s2 f1 s1")]
    [InlineData(1L, "run-succeeded", false, "f1")]
    [InlineData(null, "run-failed", false, "f2")]
    [InlineData(null, null, true, "f2 2 s2 f1")]
    [InlineData(1L, "run-*", true, "f2 s2 f1")]
    public void ActivityLog_MigratedStore_MergesRowsStartsAndEndsInLogOrderWithoutSorting(long? workflow, string? kind, bool timeRange, string expected)
    {
        // Run 1 starts before activity row 1 and succeeds after it, where run 2 starts; run 2 fails a step (row 2) and
        // then fails; runs 3 and 4 (another workflow) start after that, and run 4 also ends. Between the same two rows,
        // entries go by run, newest first, and a run's end before its start.
        Execute("""
            INSERT INTO activity (Id, At, WorkflowId, Kind, Message) VALUES (1, 10, 1, 'rejected-auth', 'rejected'), (2, 35, 1, 'step-failed', 'boom');
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, StartedAt, StartMark, StartStep, FinishedAt, FinishMark, Error, Initiator)
            VALUES (1, 1, 1, 11, 'Succeeded', 1, 5, 0.5, 0, 30, 1.5, NULL, 'alice'),
                   (2, 1, 1, 12, 'Failed', 2, 20, 1.5, 0, 35, 2.5, 'no', 'alice'),
                   (3, 2, 1, 13, 'Running', 3, 50, 2.5, 0, NULL, NULL, NULL, 'alice'),
                   (4, 2, 1, 14, 'Succeeded', 4, 55, 2.5, 0, 56, 2.5, NULL, 'alice');
            """);
        var parameters = new List<(string Name, object? Value)> { ("$take", 50L), ("$skip", 0L) };
        var sql = ActivityLogSql.Entries(new ActivityLogFilter(workflow, kind, timeRange ? 20 : null, timeRange ? 40 : null), parameters);
        var countParameters = new List<(string Name, object? Value)>();
        var count = ActivityLogSql.Count(new ActivityLogFilter(workflow, kind, timeRange ? 20 : null, timeRange ? 40 : null), countParameters);

        var plan = Read("EXPLAIN QUERY PLAN " + sql, [.. parameters], reader => reader.GetString(3));
        var entries = Read(sql, [.. parameters], reader => reader.GetInt64(1) switch
        {
            > 0 and var id => id.ToString(CultureInfo.InvariantCulture),
            < -ActivityLogSql.FinishIdBase and var id => $"f{-id - ActivityLogSql.FinishIdBase}",
            var id => $"s{-id}",
        });
        var total = Read(count, [.. countParameters], reader => reader.GetInt64(0));

        Assert.Equal(expected, string.Join(' ', entries));
        Assert.Equal([(long)entries.Count], total);
        if (workflow is null)
        {
            // One workflow's log reads its entries through the workflow indexes and sorts them, as it did before M021.
            Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.StartsWith("MERGE (UNION ALL)", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.Contains("IX_runs_FinishMark", StringComparison.Ordinal));
            Assert.Contains(plan, step => step.Contains("IX_runs_StartMark", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ActivityLog_DerivedEnds_SayWhatTheRuntimeWroteForEachEndState()
    {
        Execute("""
            INSERT INTO events (Seq, Id, Source, Type, ReceivedAt, Data, DataIsJson, ContentMode) VALUES (7, 'e-7', 'src', 't', 1, '{}', 1, 'binary');
            INSERT INTO runs (Id, WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, FinishedAt, FinishMark, Error, Initiator)
            VALUES (1, 1, 1, 7, 'Succeeded', 1, 10, 0.5, NULL, NULL),
                   (2, 1, 1, 8, 'Failed', 1, 20, 1.5, 'step ''a'' broke', 'alice'),
                   (3, 2, 1, 7, 'DeadLettered', 1, 30, 2.5, 'gave up', NULL),
                   (4, 1, 1, 9, 'Cancelled', 1, 40, 3.5, 'cancelled while running', NULL),
                   (5, 2, 1, 9, 'Succeeded', 1, 60, 4.5, NULL, 'bob');
            UPDATE runs SET FirstState = 'Failed', FirstFinishedAt = 50, FirstError = 'first' WHERE Id = 5;
            """);
        var parameters = new List<(string Name, object? Value)> { ("$take", 50L), ("$skip", 0L) };

        var entries = Read(ActivityLogSql.Entries(new ActivityLogFilter(), parameters), [.. parameters],
            reader => $"{reader.GetInt64(2)}|{reader.GetString(4)}|{reader.GetString(5)}|{reader.GetString(6)}|{reader.GetInt64(7)}|{reader.GetInt64(8)}");

        Assert.Equal(
        [
            "50|run-failed|run 5 failed: first|bob|9|5",
            "40|run-cancelled|run 4 cancelled: cancelled while running|event 9|9|4",
            "30|run-dead-lettered|run 3 dead-lettered: gave up|event e-7|7|3",
            "20|run-failed|run 2 failed: step 'a' broke|alice|8|2",
            "10|run-succeeded|run 1 succeeded|event e-7|7|1",
        ], entries);
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
