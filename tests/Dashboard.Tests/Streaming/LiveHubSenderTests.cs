using System.Text.Json;
using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.LiveEvents;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Tests.Streaming;

public sealed class LiveHubSenderTests
{
    private static readonly JsonSerializerOptions HubJson = new JsonHubProtocolOptions().PayloadSerializerOptions;

    private static SerializedLiveItems Items(int from, int count) =>
        SerializedLiveItems.Of(StreamingTestData.Batch(from, count).Items, HubJson);

    private static List<string> EventIds(LiveHubMessage message) =>
        [.. JsonDocument.Parse(message.Items.Json).RootElement.EnumerateArray().Select(i => i.GetProperty("eventId").GetString()!)];

    [Fact]
    public void Enqueue_IdleConnection_SendsTheBatchAtOnce()
    {
        var sent = new List<LiveHubMessage>();
        var sender = new LiveHubSender(m => { sent.Add(m); return Task.CompletedTask; }, 100, NullLogger.Instance);

        sender.Enqueue(Items(1, 3), dropped: 0);

        var message = Assert.Single(sent);
        Assert.Equal(["e-1", "e-2", "e-3"], EventIds(message));
        Assert.Equal(0, message.Dropped);
        Assert.Equal(0, sender.Pending);
    }

    [Fact]
    public async Task Enqueue_WhileASendIsUnderWay_SendsQueuedBatchesInOrderAfterIt()
    {
        var sent = new List<LiveHubMessage>();
        var firstSend = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = HeldAtFirstSend(sent, firstSend, capacity: 100);

        sender.Enqueue(Items(1, 2), dropped: 0);
        sender.Enqueue(Items(3, 2), dropped: 0);
        sender.Enqueue(Items(5, 2), dropped: 0);
        Assert.Single(sent);
        Assert.Equal(4, sender.Pending);

        firstSend.SetResult();
        await WaitUntil(() => sender.Pending == 0 && Count(sent) == 3);

        lock (sent)
        {
            Assert.Equal(["e-1", "e-2", "e-3", "e-4", "e-5", "e-6"], sent.SelectMany(EventIds));
            Assert.All(sent, m => Assert.Equal(0, m.Dropped));
        }
    }

    [Fact]
    public async Task Enqueue_BeyondCapacityWhileSlow_DropsOldestBatchesAndReportsThemWithTheNextMessage()
    {
        var sent = new List<LiveHubMessage>();
        var firstSend = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = HeldAtFirstSend(sent, firstSend, capacity: 5);

        sender.Enqueue(Items(1, 1), dropped: 0); // sending
        sender.Enqueue(Items(2, 3), dropped: 0);
        sender.Enqueue(Items(5, 3), dropped: 0);
        sender.Enqueue(Items(8, 3), dropped: 2); // two dropped before the filter's queue was read
        Assert.Equal(3, sender.Pending);

        firstSend.SetResult();
        await WaitUntil(() => Count(sent) == 2);

        lock (sent)
        {
            Assert.Equal(["e-8", "e-9", "e-10"], EventIds(sent[1]));
            Assert.Equal(3 + 3 + 2, sent[1].Dropped);
        }
    }

    [Fact]
    public void Enqueue_AfterStop_SendsNothing()
    {
        var sent = new List<LiveHubMessage>();
        var sender = new LiveHubSender(m => { sent.Add(m); return Task.CompletedTask; }, 100, NullLogger.Instance);

        sender.Stop();
        sender.Enqueue(Items(1, 3), dropped: 1);

        Assert.Empty(sent);
    }

    [Fact]
    public void Serialize_Message_MatchesTheBatchItDescribes()
    {
        var batch = StreamingTestData.Batch(1, 3, dropped: 4);

        var message = JsonSerializer.Serialize(new LiveHubMessage(SerializedLiveItems.Of(batch.Items, HubJson), 4), HubJson);

        Assert.Equal(JsonSerializer.Serialize(new LiveHubBatch(batch.Items, 4), HubJson), message);
        Assert.Equal(
            JsonSerializer.Serialize(new LiveHubBatch([], 0), HubJson),
            JsonSerializer.Serialize(new LiveHubMessage(SerializedLiveItems.Of([], HubJson), 0), HubJson));
    }

    private static int Count(List<LiveHubMessage> sent)
    {
        lock (sent)
        {
            return sent.Count;
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the condition did not hold within 10 s");
    }

    /// <summary>A sender that records what it sends and whose first send completes only when <paramref name="firstSend"/> does.</summary>
    private static LiveHubSender HeldAtFirstSend(List<LiveHubMessage> sent, TaskCompletionSource firstSend, int capacity) =>
        new(m =>
        {
            lock (sent)
            {
                sent.Add(m);
                return sent.Count == 1 ? firstSend.Task : Task.CompletedTask;
            }
        }, capacity, NullLogger.Instance);
}
