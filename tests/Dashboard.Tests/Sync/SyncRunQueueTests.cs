using Dashboard.Data.Events;
using Dashboard.Runtime.Workflows.Running;

namespace Dashboard.Tests.Sync;

public sealed class SyncRunQueueTests
{
    [Fact]
    public void Collect_CommittedEvents_KeepsOnlyNewSyncEventsWithRuns()
    {
        var queue = new SyncRunQueue();
        var write = Write(
            (Event("sync", sync: true, runs: 1), new StoredEvent(5, false, 1)),
            (Event("async", sync: false, runs: 1), new StoredEvent(6, false, 1)),
            (Event("repeat", sync: true, runs: 1), new StoredEvent(null, true, 1)),
            (Event("no-workflow", sync: true, runs: 0), new StoredEvent(8, false, 1)),
            (Event("sync-2", sync: true, runs: 1), new StoredEvent(9, false, 1)));

        var any = queue.Collect([write]);

        Assert.True(any);
        Assert.Equal([5L], queue.Take(1));
        Assert.Equal([9L], queue.Take(10));
        Assert.Empty(queue.Take(10));
    }

    [Fact]
    public void Collect_OnlyAsyncEvents_ReturnsFalse()
    {
        var queue = new SyncRunQueue();

        Assert.False(queue.Collect([Write((Event("async", sync: false, runs: 1), new StoredEvent(1, false, 1)))]));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Collect_RunsStoredClaimed_KeepsOnlyEventsWithRunsLeftQueued()
    {
        var queue = new SyncRunQueue();
        var write = Write(
            (Event("all-claimed", sync: true, runs: 1) with { ClaimedRuns = 1 }, new StoredEvent(5, false, 1) { ClaimedRunIds = [50] }),
            (Event("one-of-two", sync: true, runs: 2) with { ClaimedRuns = 1 }, new StoredEvent(6, false, 1) { ClaimedRunIds = [60] }));

        var any = queue.Collect([write]);

        Assert.True(any);
        Assert.Equal([6L], queue.Take(10));
    }

    [Fact]
    public void Collect_AtCapacity_LeavesFurtherEventsToTheNormalOrder()
    {
        var queue = new SyncRunQueue();
        var events = Enumerable.Range(1, SyncRunQueue.Capacity + 5)
            .Select(i => (Event($"s-{i}", sync: true, runs: 1), new StoredEvent(i, false, 1))).ToArray();

        queue.Collect([Write(events)]);

        Assert.Equal(SyncRunQueue.Capacity, queue.Count);
    }

    private static NewEvent Event(string id, bool sync, int runs) =>
        new(id, "/shop", "t", null, null, null, null, null, null, false, 1, "Binary", null, null, "[]",
            Enumerable.Range(0, runs).Select(_ => new QueuedRun(1, 1)).ToList()) { Sync = sync };

    private static CommittedWrite Write(params (NewEvent Event, StoredEvent Stored)[] events)
    {
        var ledger = new LedgerRow(DateTimeOffset.UnixEpoch, null, "/hooks/x", "Binary", "Accepted", 202, null, 1, null, null, null, null);
        return new CommittedWrite(new WriteRequest(events.Select(e => e.Event).ToList(), ledger, [], null), events.Select(e => e.Stored).ToList());
    }
}
