using System.Collections.Concurrent;
using Dashboard.Runtime.Contracts;

namespace Dashboard.Runtime.Telemetry;

/// <summary>
/// Remembers each consumer's lag for <c>maxAge</c>, so pages, the API and metric scrapes ask the broker at most once per
/// consumer per period however often they look. One read per key at a time: concurrent callers wait for it and share
/// the answer. A failed read is remembered as "unknown" (null) for the same period, so a lost broker is not hammered.
/// </summary>
public sealed class ConsumerLagCache(TimeProvider clock, TimeSpan maxAge)
{
    /// <summary>The period brokers are asked at most once in, unless a module says otherwise.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _refreshing;

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public SourceLag? Lag;
        public DateTimeOffset ReadAt = DateTimeOffset.MinValue;
    }

    /// <summary>The remembered lag of <paramref name="key"/>, read through <paramref name="read"/> when older than the period.</summary>
    public async Task<SourceLag?> GetAsync(string key, Func<CancellationToken, Task<SourceLag?>> read, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(key, static _ => new Entry());
        if (IsFresh(entry))
        {
            return Volatile.Read(ref entry.Lag);
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsFresh(entry))
            {
                Volatile.Write(ref entry.Lag, await read(cancellationToken).ConfigureAwait(false));
                entry.ReadAt = clock.GetUtcNow();
            }

            return Volatile.Read(ref entry.Lag);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>
    /// Answers from memory (for metric collection): the remembered lag of each key that has one. When any is missing or
    /// older than the period, one background refresh of all of them starts; its figures appear on the next call.
    /// </summary>
    public IReadOnlyList<(string Key, SourceLag Lag)> Peek(IReadOnlyList<string> keys, Func<string, CancellationToken, Task<SourceLag?>> read)
    {
        var known = new List<(string, SourceLag)>(keys.Count);
        var stale = false;
        foreach (var key in keys)
        {
            if (!_entries.TryGetValue(key, out var entry) || !IsFresh(entry))
            {
                stale = true;
            }

            if (entry is not null && Volatile.Read(ref entry.Lag) is { } lag)
            {
                known.Add((key, lag));
            }
        }

        if (stale && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _ = RefreshAsync(keys, read);
        }

        return known;
    }

    private async Task RefreshAsync(IReadOnlyList<string> keys, Func<string, CancellationToken, Task<SourceLag?>> read)
    {
        try
        {
            foreach (var key in keys)
            {
                await GetAsync(key, cancellationToken => read(key, cancellationToken), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A reader answers null for what it cannot read; anything else waits for the next collection.
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private bool IsFresh(Entry entry) => clock.GetUtcNow() - entry.ReadAt < maxAge;
}
