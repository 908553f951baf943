using System.Collections.Concurrent;

namespace Dashboard.Runtime.ScaleOut;

/// <summary>
/// The owner's memory of recent claim and write requests by id: a retried request gets the first one's answer, so a
/// lost reply never claims or writes twice. Failed answers are forgotten (the retry runs again); entries expire after
/// <see cref="Keep"/>. An owner restart forgets them, but a restart also re-queues every run left Running.
/// </summary>
public sealed class ReplyCache(TimeProvider clock)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (Task<byte[]> Reply, DateTimeOffset At)> _replies = new(StringComparer.Ordinal);
    private long _added;

    public Task<byte[]> GetOrRun(string requestId, Func<Task<byte[]>> run)
    {
        var now = clock.GetUtcNow();
        var entry = _replies.GetOrAdd(requestId, _ => (RunAndForgetFailure(requestId, run), now));
        if (Interlocked.Increment(ref _added) % 1024 == 0)
        {
            foreach (var (id, old) in _replies)
            {
                if (now - old.At > Keep)
                {
                    _replies.TryRemove(id, out _);
                }
            }
        }

        return entry.Reply;
    }

    private async Task<byte[]> RunAndForgetFailure(string requestId, Func<Task<byte[]>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch
        {
            _replies.TryRemove(requestId, out _);
            throw;
        }
    }
}
