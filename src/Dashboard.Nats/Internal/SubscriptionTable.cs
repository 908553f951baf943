using System.Collections.Concurrent;
using System.Text;

namespace Dashboard.Nats.Internal;

/// <summary>Receives the messages of one server subscription.</summary>
internal interface IMsgSink
{
    void Deliver(NatsMsg msg);

    /// <summary>The subscription was refused by the server (permissions).</summary>
    void Fault(Exception error);
}

internal sealed record SubscriptionEntry(long Sid, string Subject, string? QueueGroup, IMsgSink Sink);

/// <summary>Live subscriptions by sid; re-sent to the server after every reconnect.</summary>
internal sealed class SubscriptionTable
{
    private readonly ConcurrentDictionary<long, SubscriptionEntry> _entries = new();
    private long _nextSid;

    public int Count => _entries.Count;

    public IEnumerable<SubscriptionEntry> All => _entries.Values;

    public long NextSid() => Interlocked.Increment(ref _nextSid);

    public void Add(SubscriptionEntry entry) => _entries[entry.Sid] = entry;

    public bool TryGet(long sid, out SubscriptionEntry entry) => _entries.TryGetValue(sid, out entry!);

    public bool Remove(long sid) => _entries.TryRemove(sid, out _);

    public byte[] SubscribeCommands()
    {
        var builder = new StringBuilder();
        foreach (var entry in _entries.Values.OrderBy(entry => entry.Sid))
        {
            builder.Append(entry.QueueGroup is null
                ? $"SUB {entry.Subject} {entry.Sid}\r\n"
                : $"SUB {entry.Subject} {entry.QueueGroup} {entry.Sid}\r\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
