using System.Collections.Concurrent;

namespace Dashboard.Nats.Internal;

/// <summary>One wildcard inbox subscription (<c>_INBOX.&lt;nuid&gt;.*</c>) that serves every request.</summary>
internal sealed class InboxMux(string prefix) : IMsgSink
{
    private readonly string _prefix = prefix + ".";
    private readonly ConcurrentDictionary<long, Pending> _pending = new();
    private long _nextId;

    public string Subject => _prefix + "*";

    public (long Id, string ReplyTo, Task<NatsMsg> Reply) Register(string subject)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<NatsMsg>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = new Pending(subject, completion);
        return (id, _prefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture), completion.Task);
    }

    public void Remove(long id) => _pending.TryRemove(id, out _);

    public void Deliver(NatsMsg msg)
    {
        if (msg.Subject.StartsWith(_prefix, StringComparison.Ordinal)
            && long.TryParse(msg.Subject.AsSpan(_prefix.Length), out var id)
            && _pending.TryRemove(id, out var pending))
        {
            pending.Completion.TrySetResult(msg);
        }
    }

    public void Fault(Exception error)
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.Completion.TrySetException(error);
            }
        }
    }

    /// <summary>Fails the requests that were published to <paramref name="subject"/> (publish permission denied).</summary>
    public void FailRequestsTo(string subject, Exception error)
    {
        foreach (var (id, pending) in _pending)
        {
            if (pending.Subject == subject && _pending.TryRemove(id, out _))
            {
                pending.Completion.TrySetException(error);
            }
        }
    }

    private sealed record Pending(string Subject, TaskCompletionSource<NatsMsg> Completion);
}
