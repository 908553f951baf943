using Dashboard.Data.Events;
using Dashboard.IntegrationTests.Data;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Streaming;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>
/// A run's last write handed to the store without waiting (<see cref="RunWriter.WriteLastAsync"/>): its notices are
/// published only after its commit and before the caller is told, and a write that fails or cannot be queued publishes
/// nothing and tells the caller the failure. Real SQLite file and the real group-commit writer.
/// </summary>
public sealed class RunWriterLastWriteTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly RecordingFeed _feed = new();
    private MigratedStore _store = null!;
    private EventStoreWriter _writer = null!;

    public async Task InitializeAsync()
    {
        _store = await MigratedStore.CreateAsync();
        _writer = new EventStoreWriter(_store.Connections, Options.Create(new EventStoreOptions()), TimeProvider.System,
            NullLogger<EventStoreWriter>.Instance);
    }

    public async Task DisposeAsync()
    {
        _writer.Dispose();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task WriteLastAsync_Committed_NoticePublishedBeforeSettledWithoutFailure()
    {
        await _writer.StartAsync(CancellationToken.None);
        var settled = new TaskCompletionSource<(Exception? Failure, int Published, long Rows)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new RunWriter(_writer, _feed, []);

        await runs.WriteLastAsync([Note("committed")],
            failure => settled.SetResult((failure, _feed.Count, _store.Scalar("SELECT COUNT(*) FROM activity WHERE Message = 'committed'"))),
            CancellationToken.None);
        var (failure, published, rows) = await settled.Task.WaitAsync(Timeout);

        Assert.Null(failure);
        Assert.Equal(1, rows);
        Assert.Equal(1, published);
        Assert.Equal("committed", Assert.Single(_feed.Items).Message);
        await _writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WriteLastAsync_CommitFails_NothingPublishedAndSettledWithTheFailure()
    {
        await _writer.StartAsync(CancellationToken.None);
        _store.Execute("CREATE TRIGGER refuse_note BEFORE INSERT ON activity WHEN NEW.Message = 'refused' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
        var settled = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new RunWriter(_writer, _feed, []);

        await runs.WriteLastAsync([Note("refused")], failure => settled.SetResult(failure), CancellationToken.None);
        var failure = await settled.Task.WaitAsync(Timeout);

        Assert.NotNull(failure);
        Assert.Empty(_feed.Items);
        Assert.Equal(0, _store.Scalar("SELECT COUNT(*) FROM activity WHERE Message = 'refused'"));
        await _writer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WriteLastAsync_StoreStopped_SettledWithTheFailureOnTheCallersThread()
    {
        await _writer.StartAsync(CancellationToken.None);
        await _writer.StopAsync(CancellationToken.None);
        Exception? seen = null;
        var calls = 0;
        var runs = new RunWriter(_writer, _feed, []);

        var write = runs.WriteLastAsync([Note("too late")], failure =>
        {
            seen = failure;
            calls++;
        }, CancellationToken.None);
        await write.WaitAsync(Timeout);

        Assert.Equal(1, calls);
        Assert.NotNull(seen);
        Assert.Empty(_feed.Items);
    }

    private static SqlStatement Note(string message) =>
        RunStatements.Activity(DateTimeOffset.UtcNow, null, ActivityKinds.RunSucceeded, message, "test", null, null);

    private sealed class RecordingFeed : ILiveFeed
    {
        private readonly List<LiveItem> _items = [];

        public int Count
        {
            get
            {
                lock (_items)
                {
                    return _items.Count;
                }
            }
        }

        public IReadOnlyList<LiveItem> Items
        {
            get
            {
                lock (_items)
                {
                    return [.. _items];
                }
            }
        }

        public void Publish(LiveItem item)
        {
            lock (_items)
            {
                _items.Add(item);
            }
        }
    }
}
