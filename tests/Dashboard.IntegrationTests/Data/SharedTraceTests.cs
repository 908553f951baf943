using Dashboard.Data.Events;
using Dashboard.Data.Maintenance;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.IntegrationTests.Data;

/// <summary>Routing traces shared by accepted events (M019), on a real SQLite file through the real writer.</summary>
public sealed class SharedTraceTests : IAsyncLifetime
{
    private const string Head = """[{"s":"received","r":"i","d":"HTTP POST on /hooks/t from 127.0.0.1"},{"s":"decode","r":"p","d":"1 event, Binary mode"}""";
    private const string Routed = """,{"s":"runs","r":"s","d":"no runs queued"}""";
    private MigratedStore _store = null!;

    public async Task InitializeAsync() => _store = await MigratedStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Write_AcceptedEventsWithOneTrace_OneSharedRowEveryLedgerRowReadsTheWholeTraceDuplicateKeepsItsOwn()
    {
        using var writer = Writer();
        await writer.StartAsync(CancellationToken.None);
        var first = await StoreAsync(writer, Ingest("a-1", Head));
        var second = await StoreAsync(writer, Ingest("a-2", Head));
        var duplicate = await StoreAsync(writer, Ingest("a-1", Head));
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM ingestion_traces"));
        Assert.Equal(2, Scalar($"SELECT COUNT(*) FROM ({LedgerLogSql.All}) WHERE InlineTrace IS NULL AND TraceId = (SELECT Id FROM ingestion_traces)"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM ingestion_ledger WHERE Outcome = 'Duplicate' AND Trace IS NOT NULL AND TraceId IS NULL"));
        var queries = new EventQueries(_store.Connections);
        foreach (var stored in new[] { first, second })
        {
            var row = await queries.LedgerRowAsync(stored.LedgerId, CancellationToken.None);
            Assert.Equal(["received", "decode", "dedupe", "runs"], IngestionTrace.Parse(row!.TraceJson).Select(s => s.Stage));
        }

        var repeated = await queries.LedgerRowAsync(duplicate.LedgerId, CancellationToken.None);
        Assert.Contains("duplicate of stored event", IngestionTrace.Parse(repeated!.TraceJson).Single(s => s.Stage == "dedupe").Detail);
    }

    [Fact]
    public async Task Write_GroupCommitFailsAfterCreatingATrace_RetriedRequestStillReadsItsTrace()
    {
        using var writer = Writer();
        var accepted = Ingest("b-1", Head);
        var broken = WriteRequest.ForStatements([new StoreStatement("INSERT INTO no_such_table (X) VALUES (1);", [])]);
        Assert.True(writer.TryEnqueue(accepted));
        Assert.True(writer.EnqueueAsync(broken, CancellationToken.None).IsCompletedSuccessfully);

        // The first commit holds both and fails; each is then retried alone. Without forgetting what the failed
        // transaction created, the retry would reference a trace id that was rolled back.
        await writer.StartAsync(CancellationToken.None);
        var stored = Assert.Single(await accepted.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAnyAsync<Exception>(() => broken.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
        await writer.StopAsync(CancellationToken.None);

        var row = await new EventQueries(_store.Connections).LedgerRowAsync(stored.LedgerId, CancellationToken.None);
        Assert.Equal(Head + "," + IngestionTrace.NewEventStep + Routed + "]", row!.TraceJson);
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM ingestion_ledger l WHERE TraceId IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ingestion_traces t WHERE t.Id = l.TraceId)"));
    }

    [Fact]
    public async Task PruneSharedTraces_TraceLastSeenBeforeOldestLedgerRow_DeletedReferencedKept()
    {
        using var writer = Writer();
        await writer.StartAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var stored = await StoreAsync(writer, Ingest("c-1", Head));
        var hourAgo = now.AddHours(-1).ToUnixTimeMilliseconds();
        var old = now.AddDays(-3).ToUnixTimeMilliseconds();
        await RunAsync(writer, new StoreStatement("INSERT INTO ingestion_traces (Text, LastSeenAt) VALUES ('[\"orphan\"]', $old), ('[\"recent\"]', $recent);",
            [new("$old", old), new("$recent", hourAgo)]));

        await RunAsync(writer, RetentionStatements.PruneSharedTraces(now));
        await writer.StopAsync(CancellationToken.None);

        // The oldest ledger row is from now: a trace last seen three days ago is unused; one seen an hour ago is
        // within the one-lease margin and kept; the one the stored event references is kept.
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM ingestion_traces WHERE Text = '[\"orphan\"]'"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM ingestion_traces WHERE Text = '[\"recent\"]'"));
        var row = await new EventQueries(_store.Connections).LedgerRowAsync(stored.LedgerId, CancellationToken.None);
        Assert.NotEmpty(IngestionTrace.Parse(row!.TraceJson));
    }

    private static async Task<StoredEvent> StoreAsync(EventStoreWriter writer, WriteRequest request)
    {
        Assert.True(writer.TryEnqueue(request));
        return Assert.Single(await request.Completion.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task RunAsync(EventStoreWriter writer, StoreStatement statement)
    {
        var request = WriteRequest.ForStatements([statement]);
        await writer.EnqueueAsync(request, CancellationToken.None);
        await request.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private EventStoreWriter Writer() => new(_store.Connections,
        Options.Create(new EventStoreOptions { QueueCapacity = 100 }), TimeProvider.System, NullLogger<EventStoreWriter>.Instance);

    private static WriteRequest Ingest(string id, string head) => new(
        [new NewEvent(id, "/tests", "com.example.test", null, null, "application/json", null, null, "{}"u8.ToArray(), true, null, "binary", null, null, null, [])
            { TraceHead = head, TraceRouted = Routed }],
        new LedgerRow(DateTimeOffset.UtcNow, "127.0.0.1", "/hooks/t", "binary", "Accepted", 202, null, null, null, null, null, null),
        [], null);

    private long Scalar(string sql) => _store.Scalar(sql);
}
