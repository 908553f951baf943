using Dashboard.Data.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.IntegrationTests.Data;

/// <summary>
/// The group-commit writer's two queues, on a real SQLite file: ingestion is bounded in length and in how long its oldest
/// request waits (429), background work is not crowded out by it.
/// </summary>
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

    [Fact]
    public async Task IsBehind_OldestQueuedRequestOlderThanLimit_TrueUntilItIsAnswered()
    {
        var clock = new SteppedClock();
        using var writer = Writer(capacity: 10, maxQueueWaitMilliseconds: 50, clock);
        var first = Ingest("w-1");
        Assert.True(writer.TryEnqueue(first));
        clock.Advance(TimeSpan.FromMilliseconds(30));
        var second = Ingest("w-2");
        Assert.True(writer.TryEnqueue(second));
        clock.Advance(TimeSpan.FromMilliseconds(20));

        // The oldest has waited exactly the limit: not yet behind; a millisecond more and it is.
        Assert.Equal(TimeSpan.FromMilliseconds(50), writer.OldestIngestionWait);
        Assert.False(writer.IsBehind);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(writer.IsBehind);
        Assert.False(writer.IsFull);

        await writer.StartAsync(CancellationToken.None);
        await Task.WhenAll(first.Completion, second.Completion).WaitAsync(TimeSpan.FromSeconds(30));

        // Answered means no longer counted: a client's next request right after its answer is not refused for it.
        Assert.False(writer.IsBehind);
        Assert.Equal(TimeSpan.Zero, writer.OldestIngestionWait);
        Assert.Equal(2, Scalar("SELECT COUNT(*) FROM events WHERE Id LIKE 'w-%'"));
        await writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void IsBehind_LimitZero_NeverBehindHoweverLongTheWait()
    {
        var clock = new SteppedClock();
        using var writer = Writer(capacity: 10, maxQueueWaitMilliseconds: 0, clock);
        Assert.True(writer.TryEnqueue(Ingest("z-1")));
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(TimeSpan.FromMinutes(10), writer.OldestIngestionWait);
        Assert.False(writer.IsBehind);
    }

    [Fact]
    public void IsBehind_OnlyBackgroundWorkWaiting_NotBehind()
    {
        var clock = new SteppedClock();
        using var writer = Writer(capacity: 10, maxQueueWaitMilliseconds: 50, clock);
        var background = WriteRequest.ForStatements([new StoreStatement(
            "INSERT INTO activity (At, Kind, Message) VALUES ($at, 'Note', 'background');", [new("$at", 1L)])]);
        Assert.True(writer.EnqueueAsync(background, CancellationToken.None).IsCompletedSuccessfully);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.False(writer.IsBehind);
        Assert.Equal(TimeSpan.Zero, writer.OldestIngestionWait);
    }

    private EventStoreWriter Writer(int capacity, int maxQueueWaitMilliseconds = 50, TimeProvider? clock = null) => new(_store.Connections,
        Options.Create(new EventStoreOptions { QueueCapacity = capacity, MaxQueueWaitMilliseconds = maxQueueWaitMilliseconds }),
        clock ?? TimeProvider.System, NullLogger<EventStoreWriter>.Instance);

    private static WriteRequest Ingest(string id) => new(
        [new NewEvent(id, "/tests", "com.example.test", null, null, "application/json", null, null, "{}"u8.ToArray(), true, null, "structured", null, null, null, [])],
        new LedgerRow(DateTimeOffset.UtcNow, "127.0.0.1", "/events", "structured", "Accepted", 202, null, null, null, null, null, null),
        [], null);

    private long Scalar(string sql) => _store.Scalar(sql);

    /// <summary>Timestamps that move only when the test says so (the writer's waits are measured in timestamps).</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _timestamp = 1_000_000;

        public override long GetTimestamp() => Interlocked.Read(ref _timestamp);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _timestamp, (long)(by.TotalSeconds * TimestampFrequency));
    }
}
