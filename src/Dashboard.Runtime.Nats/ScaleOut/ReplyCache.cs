using System.Collections.Concurrent;

namespace Dashboard.Runtime.Nats.ScaleOut;

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
        var added = false;
        var entry = _replies.GetOrAdd(requestId, _ =>
        {
            added = true;
            return (Run(run), now);
        });
        if (added)
        {
            // Forget a failure once it is in the map (removing it earlier could race with the add).
            entry.Reply.ContinueWith(_ => _replies.TryRemove(new KeyValuePair<string, (Task<byte[]>, DateTimeOffset)>(requestId, entry)),
                CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

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

    private static async Task<byte[]> Run(Func<Task<byte[]>> run) => await run().ConfigureAwait(false);
}
