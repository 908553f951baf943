namespace Dashboard.CloudEvents;

/// <summary>Detects duplicate property names per JSON object, at any depth, without allocating strings.</summary>
internal sealed class PropertyNameSet
{
    private readonly NameStore _store;
    private readonly HashSet<Key> _keys;
    private int _nextObjectId;

    public PropertyNameSet(NameStore store)
    {
        _store = store;
        _keys = new HashSet<Key>(new KeyComparer(store));
    }

    /// <summary>Starts a new object; names are unique per object id.</summary>
    public int NewObject() => ++_nextObjectId;

    /// <summary>Returns false when the object already has a property with this (unescaped) name.</summary>
    public bool Add(int objectId, NameRef name)
    {
        var hash = new HashCode();
        hash.AddBytes(_store.Resolve(name));
        return _keys.Add(new Key(objectId, hash.ToHashCode(), name));
    }

    public void Reset()
    {
        _nextObjectId = 0;
        if (_keys.Count > 4096)
        {
            _keys.Clear();
            _keys.TrimExcess();
        }
        else if (_keys.Count > 0)
        {
            _keys.Clear();
        }
    }

    private readonly record struct Key(int ObjectId, int Hash, NameRef Name);

    private sealed class KeyComparer(NameStore store) : IEqualityComparer<Key>
    {
        public bool Equals(Key x, Key y) => x.ObjectId == y.ObjectId && x.Hash == y.Hash
            && store.Resolve(x.Name).SequenceEqual(store.Resolve(y.Name));

        public int GetHashCode(Key key) => HashCode.Combine(key.ObjectId, key.Hash);
    }
}
