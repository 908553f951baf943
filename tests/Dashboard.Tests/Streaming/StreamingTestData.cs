using Dashboard.Data;
using Dashboard.Data.Events;
using Dashboard.Runtime.Streaming;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Streaming;

internal static class StreamingTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public static LiveItem Event(int n, string outcome = "Accepted", string type = "com.example.order", long? definition = 1) => new()
    {
        Kind = LiveItemKind.Ingestion, At = T0, Outcome = outcome, EventSeq = n, EventId = $"e-{n}", Source = "/shop", Type = type,
        DefinitionId = definition, Status = 202,
    };

    public static LiveBatch Batch(int from, int count, long dropped = 0) =>
        new(Enumerable.Range(from, count).Select(n => Event(n)).ToList(), dropped);

    public static LiveFeed Feed(int capacity = 10_000)
    {
        return new LiveFeed(TimeProvider.System, Options.Create(new LiveFeedOptions { SubscriberCapacity = capacity }));
    }

    public static CommittedWrite Accepted(params (string Id, long? Seq, bool Duplicate)[] events)
    {
        var ledger = new LedgerRow(T0, "10.0.0.1", "/events", "Structured", "Accepted", 202, null, 1, 7, null, null, null);
        var newEvents = events.Select(e => new NewEvent(e.Id, "/shop", "com.example.order", "subj", null, null, null, null, null, false, 1, "Structured", null, null, "[]", [])).ToList();
        var request = new WriteRequest(newEvents, ledger, [], null);
        return new CommittedWrite(request, events.Select((e, i) => new StoredEvent(e.Seq, e.Duplicate, i)).ToList());
    }

    public static CommittedWrite Rejected(string outcome, long workflowId)
    {
        var ledger = new LedgerRow(T0, "10.0.0.9", "/hooks/orders", null, outcome, 401, "bad token", 1, 3, null, null, null);
        var activity = new ActivityRow(T0, workflowId, "rejected-auth", "rejected: bad token", "10.0.0.9", "10.0.0.9", 3);
        return new CommittedWrite(new WriteRequest([], ledger, [activity], null), [new StoredEvent(null, false, 1)]);
    }
}
