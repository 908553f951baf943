using Dashboard.Data.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.IntegrationTests.Data;

/// <summary>
/// The writer sleeps on one wake-up for both queues: a request on either queue wakes it while the other queue stays empty,
/// and no request is left waiting when producers race the writer going to sleep. Real SQLite file.
/// </summary>
public sealed class EventStoreWriterWakeTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private MigratedStore _store = null!;

    public async Task InitializeAsync() => _store = await MigratedStore.CreateAsync();

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task EnqueueAsync_IngestionQueueEmptyAndWriterIdle_BackgroundRequestCommitted()
    {
        using var writer = Writer();
        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            // Each request is the only one queued: the writer has gone back to waiting after the previous commit.
            var request = Background($"b-{i}");
            await writer.EnqueueAsync(request, CancellationToken.None);
            await request.Completion.WaitAsync(Timeout);
            Assert.Equal(0, writer.QueueLength);
        }

        Assert.Equal(20, _store.Scalar("SELECT COUNT(*) FROM activity WHERE Message LIKE 'b-%'"));
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TryEnqueue_BackgroundQueueEmptyAndWriterIdle_IngestionRequestCommitted()
    {
        using var writer = Writer();
        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            var request = Ingest($"i-{i}");
            Assert.True(writer.TryEnqueue(request));
            Assert.False(Assert.Single(await request.Completion.WaitAsync(Timeout)).Duplicate);
        }

        Assert.Equal(20, _store.Scalar("SELECT COUNT(*) FROM events WHERE Id LIKE 'i-%'"));
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task EnqueueAndTryEnqueue_ProducersOnManyThreadsRaceTheWriterToSleep_EveryRequestCommitted()
    {
        using var writer = Writer();
        await writer.StartAsync(CancellationToken.None);
        var producers = Enumerable.Range(0, 8).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                // One request at a time per producer, alternating queues, so the writer keeps finding both queues empty.
                if ((i + p) % 2 == 0)
                {
                    var request = Background($"r-{p}-{i}");
                    await writer.EnqueueAsync(request, CancellationToken.None);
                    await request.Completion.WaitAsync(Timeout);
                }
                else
                {
                    var request = Ingest($"r-{p}-{i}");
                    Assert.True(writer.TryEnqueue(request));
                    await request.Completion.WaitAsync(Timeout);
                }
            }
        })).ToList();

        await Task.WhenAll(producers).WaitAsync(Timeout);

        Assert.Equal(400, _store.Scalar("SELECT COUNT(*) FROM activity WHERE Message LIKE 'r-%'"));
        Assert.Equal(400, _store.Scalar("SELECT COUNT(*) FROM events WHERE Id LIKE 'r-%'"));
        await writer.StopAsync(CancellationToken.None);
    }

    private EventStoreWriter Writer() => new(_store.Connections, Options.Create(new EventStoreOptions { QueueCapacity = 100 }),
        TimeProvider.System, NullLogger<EventStoreWriter>.Instance);

    private static WriteRequest Background(string message) => WriteRequest.ForStatements([new StoreStatement(
        "INSERT INTO activity (At, Kind, Message) VALUES ($at, 'Note', $message);", [new("$at", 1L), new("$message", message)])]);

    private static WriteRequest Ingest(string id) => new(
        [new NewEvent(id, "/tests", "com.example.test", null, null, "application/json", null, null, "{}"u8.ToArray(), true, null, "structured", null, null, null, [])],
        new LedgerRow(DateTimeOffset.UtcNow, "127.0.0.1", "/events", "structured", "Accepted", 202, null, null, null, null, null, null),
        [], null);
}
