using Dashboard.Runtime.Streaming;
using static Dashboard.Tests.Streaming.StreamingTestData;

namespace Dashboard.Tests.Streaming;

public sealed class LiveFeedTests
{
    [Fact]
    public void Publish_SlowSubscriber_DropsOldestAndCountsIt()
    {
        var feed = Feed(capacity: 16);
        using var subscription = feed.Subscribe(LiveFilter.All);

        for (var i = 1; i <= 50; i++)
        {
            feed.Publish(Event(i));
        }

        var batch = subscription.Drain(1_000);
        Assert.Equal(16, batch.Items.Count);
        Assert.Equal(35, batch.Items[0].EventSeq);
        Assert.Equal(34, batch.Dropped);
        Assert.Equal(0, subscription.Drain(10).Dropped);
    }

    [Fact]
    public void Publish_WithFilter_DeliversOnlyMatches()
    {
        var feed = Feed();
        using var rejected = feed.Subscribe(new LiveFilter { Outcome = "RejectedAuth" });
        using var byType = feed.Subscribe(new LiveFilter { Type = "com.example.*", DefinitionId = 2 });

        feed.Publish(Event(1));
        feed.Publish(Event(2, outcome: "RejectedAuth"));
        feed.Publish(Event(3, type: "com.example.x", definition: 2));
        feed.Publish(Event(4, type: "org.other", definition: 2));

        Assert.Equal([2L], rejected.Drain(10).Items.Select(i => i.EventSeq!.Value));
        Assert.Equal([3L], byType.Drain(10).Items.Select(i => i.EventSeq!.Value));
    }

    [Fact]
    public void OnCommitted_StoredAndDuplicate_PublishesOneItemPerEventAndCounts()
    {
        var feed = Feed();
        using var subscription = feed.Subscribe(LiveFilter.All);

        feed.OnCommitted([Accepted(("a", 1, false), ("b", null, true))]);

        var items = subscription.Drain(10).Items;
        Assert.Equal(["Accepted", "Duplicate"], items.Select(i => i.Outcome));
        Assert.Equal("subj", items[0].Subject);
        Assert.Equal(1, feed.Counters.Accepted);
        Assert.Equal(1, feed.Counters.Duplicate);
    }

    [Fact]
    public void OnCommitted_Rejection_PublishesLedgerOutcomeAndWorkflowActivity()
    {
        var feed = Feed();
        using var activity = feed.Subscribe(new LiveFilter { Kinds = new HashSet<LiveItemKind> { LiveItemKind.Activity }, WorkflowId = 42 });

        feed.OnCommitted([Rejected("RejectedAuth", workflowId: 42)]);

        var item = Assert.Single(activity.Drain(10).Items);
        Assert.Equal("rejected-auth", item.Outcome);
        Assert.Equal("10.0.0.9", item.RemoteAddress);
        Assert.Equal(3, item.TokenId);
        Assert.Equal(1, feed.Counters.Rejected);
    }

    [Fact]
    public void OnCommitted_NoSubscribers_StillCounts()
    {
        var feed = Feed();

        feed.OnCommitted([Accepted(("a", 1, false)), Rejected("RejectedInvalid", 1)]);

        Assert.Equal(new LiveCountersSnapshot(1, 0, 1, 0, 0), feed.Counters.Snapshot());
    }

    [Fact]
    public void Dispose_Subscription_StopsDelivery()
    {
        var feed = Feed();
        var subscription = feed.Subscribe(LiveFilter.All);
        subscription.Dispose();

        feed.Publish(Event(1));

        Assert.Equal(0, feed.SubscriberCount);
    }

    [Fact]
    public async Task ReadBatchAsync_ItemsQueued_CoalescesWithinInterval()
    {
        var feed = Feed();
        using var subscription = feed.Subscribe(LiveFilter.All);
        feed.Publish(Event(1));
        var first = await subscription.ReadBatchAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), 100, default);
        for (var i = 2; i <= 20; i++)
        {
            feed.Publish(Event(i));
        }

        var second = await subscription.ReadBatchAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), 100, default);

        Assert.Single(first.Items);
        Assert.Equal(19, second.Items.Count);
    }

    [Fact]
    public async Task ReadBatchAsync_NothingArrives_ReturnsEmptyAfterMaxWait()
    {
        var feed = Feed();
        using var subscription = feed.Subscribe(LiveFilter.All);

        var batch = await subscription.ReadBatchAsync(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50), 100, default);

        Assert.Empty(batch.Items);
    }

    [Fact]
    public void Publish_RunTransitions_CountsOutcomesHoweverSpelled()
    {
        var feed = Feed();
        feed.Publish(LiveItem.ForRun(T0, 1, 1, "Succeeded"));
        feed.Publish(LiveItem.ForRun(T0, 2, 1, "dead-lettered"));
        feed.Publish(LiveItem.ForRun(T0, 3, 1, "Running"));

        Assert.Equal(1, feed.Counters.RunsSucceeded);
        Assert.Equal(1, feed.Counters.RunsFailed);
    }
}
