using Dashboard.Data.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.IntegrationTests.Data;

/// <summary>The group-commit writer's two queues, on a real SQLite file: ingestion is bounded (429), background work is not crowded out by it.</summary>
public sealed class EventStoreWriterTests : IAsyncLifetime
{
    private MigratedStore _store = null!;

    public async Task InitializeAsync() => _store = await MigratedStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task TryEnqueue_IngestionQueueFull_RefusedWhileBackgroundWorkStillQueues()
    {
        using var writer = Writer(capacity: 2);
        var first = Ingest("e-1");
        var second = Ingest("e-2");

        Assert.True(writer.TryEnqueue(first));
        Assert.False(writer.IsFull);
        Assert.True(writer.TryEnqueue(second));
        Assert.True(writer.IsFull);
        Assert.False(writer.TryEnqueue(Ingest("e-3")));
        var background = WriteRequest.ForStatements([new StoreStatement(
            "INSERT INTO activity (At, Kind, Message) VALUES ($at, 'Note', 'background');", [new("$at", 1L)])]);
        Assert.True(writer.EnqueueAsync(background, CancellationToken.None).IsCompletedSuccessfully);

        await writer.StartAsync(CancellationToken.None);
        await Task.WhenAll(first.Completion, second.Completion, background.Completion).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(writer.IsFull);
        Assert.Equal(2, Scalar("SELECT COUNT(*) FROM events"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM events WHERE Id = 'e-3'"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM activity WHERE Message = 'background'"));
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Commits_ManyBackgroundRequestsAndIngestion_AllStoredAndAnsweredAfterCommit()
    {
        using var writer = Writer(capacity: 1_000);
        await writer.StartAsync(CancellationToken.None);
        var background = Enumerable.Range(0, 500).Select(i => WriteRequest.ForStatements([new StoreStatement(
            "INSERT INTO activity (At, Kind, Message) VALUES ($at, 'Note', $message);", [new("$at", 1L), new("$message", $"b-{i}")])])).ToList();
        var pending = background.Select(r => writer.EnqueueAsync(r, CancellationToken.None).AsTask()).ToList();
        var ingestion = Enumerable.Range(0, 50).Select(i => Ingest($"m-{i}")).ToList();
        Assert.All(ingestion, r => Assert.True(writer.TryEnqueue(r)));

        await Task.WhenAll(pending);
        var stored = await Task.WhenAll(ingestion.Select(r => r.Completion)).WaitAsync(TimeSpan.FromSeconds(30));
        await Task.WhenAll(background.Select(r => r.Completion)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(stored, results => Assert.False(Assert.Single(results).Duplicate));
        Assert.Equal(50, Scalar("SELECT COUNT(*) FROM events WHERE Id LIKE 'm-%'"));
        Assert.Equal(500, Scalar("SELECT COUNT(*) FROM activity WHERE Message LIKE 'b-%'"));
        await writer.StopAsync(CancellationToken.None);
    }

    private EventStoreWriter Writer(int capacity) => new(_store.Connections,
        Options.Create(new EventStoreOptions { QueueCapacity = capacity }), NullLogger<EventStoreWriter>.Instance);

    private static WriteRequest Ingest(string id) => new(
        [new NewEvent(id, "/tests", "com.example.test", null, null, "application/json", null, null, "{}"u8.ToArray(), true, null, "structured", null, null, null, [])],
        new LedgerRow(DateTimeOffset.UtcNow, "127.0.0.1", "/events", "structured", "Accepted", 202, null, null, null, null, null, null),
        [], null);

    private long Scalar(string sql) => _store.Scalar(sql);
}
