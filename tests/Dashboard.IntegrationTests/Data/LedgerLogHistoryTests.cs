using Dashboard.Data.Events;
using Dashboard.Data.Maintenance;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.IntegrationTests.Data;

/// <summary>The merged ledger (M020) over rows written before it, and retention of both kinds of entries.</summary>
public sealed class LedgerLogHistoryTests : IAsyncLifetime
{
    private MigratedStore _store = null!;

    /// <summary>A store as the release before M020 left it: two events, each with its accepted ledger row, a rejection between them, then a duplicate.</summary>
    public async Task InitializeAsync()
    {
        _store = await MigratedStore.CreateAtVersionAsync(19);
        var old = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeMilliseconds();
        _store.Execute($"""
            INSERT INTO events (Seq, Id, Source, Type, ContentMode, ReceivedAt) VALUES (1, 'o-1', '/old', 't', 'binary', {old}), (2, 'o-2', '/old', 't', 'binary', {old});
            INSERT INTO ingestion_ledger (Id, At, Route, Outcome, Status, Reason, EventId, EventSource, EventType, EventSeq, Trace) VALUES
                (1, {old}, '/hooks/old', 'Accepted', 202, NULL, 'o-1', '/old', 't', 1, '[]'),
                (2, {old}, '/hooks/old', 'RejectedAuth', 401, 'invalid token', NULL, NULL, NULL, NULL, '[]'),
                (3, {old}, '/hooks/old', 'Accepted', 202, NULL, 'o-2', '/old', 't', 2, '[]'),
                (4, {old}, '/hooks/old', 'Duplicate', 200, NULL, 'o-1', '/old', 't', NULL, '[]');
            """);
        await _store.MigrateAsync();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Migrate_RowsWrittenBeforeM020_EachShownOnceInArrivalOrderBeforeNewerEntries()
    {
        using var writer = Writer();
        await writer.StartAsync(CancellationToken.None);
        var accepted = await StoreAsync(writer, LedgerLogTests.Ingest("n-1"));
        var rejected = await StoreAsync(writer, LedgerLogTests.Reject("401-new"));
        await writer.StopAsync(CancellationToken.None);
        var queries = new EventQueries(_store.Connections);

        var page = await queries.LedgerAsync(null, null, 0, 50, CancellationToken.None);

        Assert.Equal([rejected.LedgerId, accepted.LedgerId, 4L, 3L, 2L, 1L], page.Items.Select(l => l.Id));
        Assert.Equal(6, page.Total);
        Assert.Equal(-3L, accepted.LedgerId);
        Assert.Equal([(1L, "Accepted"), (4L, "Duplicate")], (await queries.LedgerForAsync("/old", "o-1", CancellationToken.None)).Select(l => (l.Id, l.Outcome)));
        Assert.Equal(1L, (await queries.LedgerRowAsync(1, CancellationToken.None))!.EventSeq);
        Assert.Equal(0, _store.Scalar("SELECT COUNT(*) FROM events WHERE Seq <= 2 AND Status IS NOT NULL"));
    }

    [Fact]
    public async Task PruneEvents_AcceptedEventsOfBothShapes_TheirEntriesGoRejectionsFollowTheirOwnRule()
    {
        using var writer = Writer();
        await writer.StartAsync(CancellationToken.None);
        var pruned = await StoreAsync(writer, LedgerLogTests.Ingest("n-1"));
        var kept = await StoreAsync(writer, LedgerLogTests.Ingest("n-2"));
        var deleted = 0;
        await RunAsync(writer, RetentionStatements.PruneEvents([1, pruned.Seq!.Value], DateTimeOffset.UtcNow, n => deleted = n));
        var queries = new EventQueries(_store.Connections);
        var afterEvents = (await queries.LedgerAsync(null, null, 0, 50, CancellationToken.None)).Items.Select(l => l.Id).ToList();
        await RunAsync(writer, RetentionStatements.PruneRejectedLedger(DateTimeOffset.UtcNow.AddDays(-1), 100, _ => { }));
        var retry = await StoreAsync(writer, LedgerLogTests.Ingest("n-1"));
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Equal([kept.LedgerId, 4L, 3L, 2L], afterEvents);
        Assert.True(retry.Duplicate);
        Assert.Equal([retry.LedgerId, kept.LedgerId, 3L], (await queries.LedgerAsync(null, null, 0, 50, CancellationToken.None)).Items.Select(l => l.Id));
    }

    [Fact]
    public async Task PruneSharedTraces_TraceReferencedOnlyByAnOldAcceptedEvent_Kept()
    {
        using var writer = Writer();
        await writer.StartAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        await RunAsync(writer, RetentionStatements.PruneRejectedLedger(now, 100, _ => { }));
        await RunAsync(writer, RetentionStatements.PruneEvents([1, 2], now, _ => { }));
        var stored = await StoreAsync(writer, LedgerLogTests.Ingest("s-1", now.AddDays(-3)));
        await StoreAsync(writer, LedgerLogTests.Reject("401-now", now));
        await RunAsync(writer, new StoreStatement("INSERT INTO ingestion_traces (Text, LastSeenAt) VALUES ('[\"orphan\"]', $old);",
            [new("$old", now.AddDays(-4).ToUnixTimeMilliseconds())]));

        await RunAsync(writer, RetentionStatements.PruneSharedTraces(now));
        await writer.StopAsync(CancellationToken.None);

        // The oldest ledger row is from now, but the event referencing its trace is three days old: the trace stays.
        Assert.Equal(0, _store.Scalar("SELECT COUNT(*) FROM ingestion_traces WHERE Text = '[\"orphan\"]'"));
        var entry = await new EventQueries(_store.Connections).LedgerRowAsync(stored.LedgerId, CancellationToken.None);
        Assert.Equal(["received", "decode", "dedupe", "runs"], IngestionTrace.Parse(entry!.TraceJson).Select(s => s.Stage));
    }

    private static async Task<StoredEvent> StoreAsync(EventStoreWriter writer, WriteRequest request)
    {
        Assert.True(writer.TryEnqueue(request));
        return Assert.Single(await request.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task RunAsync(EventStoreWriter writer, params IReadOnlyList<StoreStatement> statements)
    {
        var request = WriteRequest.ForStatements(statements);
        await writer.EnqueueAsync(request, CancellationToken.None);
        await request.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private EventStoreWriter Writer() => new(_store.Connections,
        Options.Create(new EventStoreOptions { QueueCapacity = 100 }), TimeProvider.System, NullLogger<EventStoreWriter>.Instance);
}
