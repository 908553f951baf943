using Dashboard.Data.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.IntegrationTests.Data;

/// <summary>The ledger as readers see it (M020): ledger rows for what was not stored, accepted events read from their own rows.</summary>
public sealed class LedgerLogTests : IAsyncLifetime
{
    private const string Head = """[{"s":"received","r":"i","d":"HTTP POST on /hooks/l from 10.1.2.3"},{"s":"decode","r":"p","d":"1 event, Binary mode"}""";
    private const string Routed = """,{"s":"runs","r":"s","d":"no runs queued"}""";
    private const string Routing = """{"workflows":["w"]}""";
    private MigratedStore _store = null!;

    public async Task InitializeAsync() => _store = await MigratedStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Write_AcceptedEvent_NoLedgerRowAndTheMergedEntryHasTheRequestsFields()
    {
        using var writer = Writer();
        await writer.StartAsync(CancellationToken.None);
        var stored = await StoreAsync(writer, Ingest("a-1"));
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(0, _store.Scalar("SELECT COUNT(*) FROM ingestion_ledger"));
        Assert.Equal(0, _store.Scalar("SELECT COUNT(*) FROM events INDEXED BY IX_events_WithoutEntry WHERE Status IS NULL"));
        Assert.Equal(-stored.Seq!.Value, stored.LedgerId);
        var queries = new EventQueries(_store.Connections);
        var entry = await queries.LedgerRowAsync(stored.LedgerId, CancellationToken.None);
        Assert.NotNull(entry);
        Assert.Equal(stored.LedgerId, entry.Id);
        Assert.Equal(("10.1.2.3", "/hooks/l", "binary"), (entry.RemoteAddress, entry.Route, entry.ContentMode));
        Assert.Equal(("Accepted", 202, null), (entry.Outcome, entry.Status, entry.Reason));
        Assert.Equal(7L, entry.TokenId);
        Assert.Equal(("a-1", "/ledger", "com.example.l"), (entry.EventId, entry.EventSource, entry.EventType));
        Assert.Equal(stored.Seq, entry.EventSeq);
        Assert.Equal(Routing, entry.RoutingJson);
        Assert.Equal(Head + "," + IngestionTrace.NewEventStep + Routed + "]", entry.TraceJson);
        Assert.Equal([stored.LedgerId], (await queries.LedgerForAsync("/ledger", "a-1", CancellationToken.None)).Select(l => l.Id));
        Assert.Null(await queries.LedgerRowAsync(-(stored.Seq.Value + 1), CancellationToken.None));
    }

    [Fact]
    public async Task Write_DuplicateOfAcceptedEvent_WritesItsOwnLedgerRowAfterTheAcceptance()
    {
        using var writer = Writer();
        await writer.StartAsync(CancellationToken.None);
        var stored = await StoreAsync(writer, Ingest("d-1"));
        var duplicate = await StoreAsync(writer, Ingest("d-1"));
        await writer.StopAsync(CancellationToken.None);

        Assert.True(duplicate.Duplicate);
        Assert.Equal(1, _store.Scalar($"SELECT COUNT(*) FROM ingestion_ledger WHERE Id = {duplicate.LedgerId} AND Outcome = 'Duplicate' AND Status = 200 AND EventSeq IS NULL"));
        var trail = await new EventQueries(_store.Connections).LedgerForAsync("/ledger", "d-1", CancellationToken.None);
        Assert.Equal([(stored.LedgerId, "Accepted"), (duplicate.LedgerId, "Duplicate")], trail.Select(l => (l.Id, l.Outcome)));
        Assert.Contains($"duplicate of stored event #{stored.Seq}", IngestionTrace.Parse(trail[1].TraceJson).Single(s => s.Stage == "dedupe").Detail);
    }

    [Fact]
    public async Task LedgerAsync_BothKindsInterleaved_PagesNewestFirstInArrivalOrder()
    {
        using var writer = Writer();
        await writer.StartAsync(CancellationToken.None);
        var a = await StoreAsync(writer, Ingest("p-a"));
        var r1 = await StoreAsync(writer, Reject("401-one"));
        var b = await StoreAsync(writer, Ingest("p-b"));
        var duplicate = await StoreAsync(writer, Ingest("p-a"));
        var r2 = await StoreAsync(writer, Reject("401-two"));
        var c = await StoreAsync(writer, Ingest("p-c"));
        await writer.StopAsync(CancellationToken.None);
        var queries = new EventQueries(_store.Connections);

        var pages = new List<long>();
        for (var skip = 0; skip < 6; skip += 2)
        {
            var page = await queries.LedgerAsync(null, null, skip, 2, CancellationToken.None);
            Assert.Equal(6, page.Total);
            pages.AddRange(page.Items.Select(l => l.Id));
        }

        Assert.Equal([c.LedgerId, r2.LedgerId, duplicate.LedgerId, b.LedgerId, r1.LedgerId, a.LedgerId], pages);
        var accepted = await queries.LedgerAsync("Accepted", null, 0, 10, CancellationToken.None);
        Assert.Equal(3, accepted.Total);
        Assert.Equal([c.LedgerId, b.LedgerId, a.LedgerId], accepted.Items.Select(l => l.Id));
        var rejected = await queries.LedgerAsync("RejectedAuth", null, 0, 10, CancellationToken.None);
        Assert.Equal(2, rejected.Total);
        Assert.Equal([r2.LedgerId, r1.LedgerId], rejected.Items.Select(l => l.Id));
    }

    private static async Task<StoredEvent> StoreAsync(EventStoreWriter writer, WriteRequest request)
    {
        Assert.True(writer.TryEnqueue(request));
        return Assert.Single(await request.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private EventStoreWriter Writer() => new(_store.Connections,
        Options.Create(new EventStoreOptions { QueueCapacity = 100 }), TimeProvider.System, NullLogger<EventStoreWriter>.Instance);

    internal static WriteRequest Ingest(string id, DateTimeOffset? at = null) => new(
        [new NewEvent(id, "/ledger", "com.example.l", null, null, "application/json", null, null, "{}"u8.ToArray(), true, null, "binary", null, null, Routing, [])
            { TraceHead = Head, TraceRouted = Routed }],
        new LedgerRow(at ?? DateTimeOffset.UtcNow, "10.1.2.3", "/hooks/l", "binary", "Accepted", 202, null, null, 7, null, null, null),
        [], null);

    internal static WriteRequest Reject(string reason, DateTimeOffset? at = null) => new([],
        new LedgerRow(at ?? DateTimeOffset.UtcNow, "10.9.9.9", "/hooks/l", null, "RejectedAuth", 401, reason, null, null, null, null, null) { Trace = Head + "]" },
        [], null);
}
