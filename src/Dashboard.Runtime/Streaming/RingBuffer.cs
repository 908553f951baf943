using System.Collections;

namespace Dashboard.Runtime.Streaming;

/// <summary>A fixed-capacity buffer that overwrites its oldest item and counts how many it dropped. Not thread-safe.</summary>
public sealed class RingBuffer<T> : IReadOnlyCollection<T>
{
    private readonly T[] _items;
    private int _start;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Capacity => _items.Length;
    public int Count { get; private set; }

    /// <summary>Items overwritten since creation (or the last <see cref="Clear"/>).</summary>
    public long Dropped { get; private set; }

    public void Add(T item)
    {
        if (Count < _items.Length)
        {
            _items[(_start + Count) % _items.Length] = item;
            Count++;
            return;
        }

        _items[_start] = item;
        _start = (_start + 1) % _items.Length;
        Dropped++;
    }

    public void AddRange(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            Add(item);
        }
    }

    /// <summary>Replaces the newest item that matches; false when none does.</summary>
    public bool ReplaceNewest(Func<T, bool> match, Func<T, T> replace)
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            var index = (_start + i) % _items.Length;
            if (match(_items[index]))
            {
                _items[index] = replace(_items[index]);
                return true;
            }
        }

        return false;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _start = 0;
        Count = 0;
        Dropped = 0;
    }

    /// <summary>Newest first.</summary>
    public IEnumerable<T> NewestFirst()
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            yield return _items[(_start + i) % _items.Length];
        }
    }

    /// <summary>Oldest first.</summary>
    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _items[(_start + i) % _items.Length];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
