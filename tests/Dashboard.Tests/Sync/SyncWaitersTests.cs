using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Ingestion.Sync;

namespace Dashboard.Tests.Sync;

public sealed class SyncWaitersTests
{
    private static readonly SyncRunFinished Done = new(5, 9, "Succeeded", null, 200, """{"ok":true}""");

    [Fact]
    public async Task WaitAsync_RunFinishesWhileWaiting_CompletesWithItsAnswer()
    {
        var waiters = new SyncWaiters(new StoredAnswers(), TimeProvider.System);

        var wait = waiters.WaitAsync(9, TimeSpan.FromSeconds(30), CancellationToken.None);
        await Until(() => waiters.Count == 1);
        waiters.OnSyncRunFinished(Done);

        Assert.Same(Done, await wait);
        Assert.Equal(0, waiters.Count);
    }

    [Fact]
    public async Task WaitAsync_RunFinishedBeforeWaiting_AnswersFromTheStoreOnce()
    {
        var store = new StoredAnswers { [9] = Done };
        var waiters = new SyncWaiters(store, TimeProvider.System);

        var answer = await waiters.WaitAsync(9, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Same(Done, answer);
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task WaitAsync_OtherEventFinishes_TimesOutWithNull()
    {
        var waiters = new SyncWaiters(new StoredAnswers(), TimeProvider.System);

        var wait = waiters.WaitAsync(10, TimeSpan.FromMilliseconds(200), CancellationToken.None);
        waiters.OnSyncRunFinished(Done);

        Assert.Null(await wait);
        Assert.Equal(0, waiters.Count);
    }

    [Fact]
    public async Task WaitAsync_TwoCallersOfOneEvent_BothGetTheAnswer()
    {
        var waiters = new SyncWaiters(new StoredAnswers(), TimeProvider.System);

        var first = waiters.WaitAsync(9, TimeSpan.FromSeconds(30), CancellationToken.None);
        var second = waiters.WaitAsync(9, TimeSpan.FromSeconds(30), CancellationToken.None);
        await Until(() => waiters.Count == 2);
        waiters.OnSyncRunFinished(Done);

        var answers = await Task.WhenAll(first, second);
        Assert.All(answers, answer => Assert.Same(Done, answer));
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }

    private sealed class StoredAnswers : Dictionary<long, SyncRunFinished>, ISyncRunLookup
    {
        public int Reads { get; private set; }

        public Task<SyncRunState?> FindAsync(long eventSeq, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult<SyncRunState?>(TryGetValue(eventSeq, out var done) ? new SyncRunState(eventSeq, done.RunId, done) : null);
        }

        public Task<SyncRunState?> FindAsync(string source, string id, CancellationToken cancellationToken) => Task.FromResult<SyncRunState?>(null);

        public Task<SyncEventIdentity?> FindIdentityAsync(long eventSeq, CancellationToken cancellationToken) => Task.FromResult<SyncEventIdentity?>(null);
    }
}
