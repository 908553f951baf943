using System.Collections;

namespace Dashboard.Nats;

/// <summary>
/// NATS message headers (<c>NATS/1.0</c> block). Keys compare case-insensitively; a key may repeat.
/// A status line such as <c>NATS/1.0 404 No Messages</c> is exposed as <see cref="StatusCode"/> and <see cref="StatusDescription"/>.
/// </summary>
public sealed class NatsHeaders : IEnumerable<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> _items = [];

    public int? StatusCode { get; init; }

    public string? StatusDescription { get; init; }

    public int Count => _items.Count;

    /// <summary>Gets the first value of <paramref name="key"/>, or sets it replacing every existing value.</summary>
    public string? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : null;
        set
        {
            _items.RemoveAll(item => string.Equals(item.Key, key, StringComparison.OrdinalIgnoreCase));
            if (value is not null)
            {
                Add(key, value);
            }
        }
    }

    public void Add(string key, string value)
    {
        Validate(key, value);
        _items.Add(new KeyValuePair<string, string>(key, value));
    }

    public bool TryGetValue(string key, out string value)
    {
        foreach (var item in _items)
        {
            if (string.Equals(item.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                value = item.Value;
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    public IReadOnlyList<string> GetAll(string key) =>
        _items.Where(item => string.Equals(item.Key, key, StringComparison.OrdinalIgnoreCase)).Select(item => item.Value).ToList();

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static void Validate(string key, string value)
    {
        if (key.Length == 0 || key.AsSpan().IndexOfAny(" :\r\n") >= 0)
        {
            throw new ArgumentException($"Invalid header name '{key}'.", nameof(key));
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"Header '{key}' has a line break in its value.", nameof(value));
        }
    }
}
