namespace Dashboard.CloudEvents;

/// <summary>A property name: a slice of the input (unescaped names) or of the scratch buffer (unescaped copies).</summary>
internal readonly record struct NameRef(bool InScratch, int Start, int Length);

/// <summary>Holds the input being parsed and a scratch buffer for unescaped property names.</summary>
internal sealed class NameStore
{
    private byte[] _scratch = new byte[256];
    private int _scratchLength;

    public ReadOnlyMemory<byte> Input { get; set; }

    public ReadOnlySpan<byte> Resolve(NameRef name) => name.InScratch
        ? _scratch.AsSpan(name.Start, name.Length)
        : Input.Span.Slice(name.Start, name.Length);

    /// <summary>Space for at least <paramref name="size"/> bytes at the end of the scratch buffer.</summary>
    public Span<byte> GetScratch(int size)
    {
        if (_scratch.Length - _scratchLength < size)
        {
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _scratchLength + size));
        }

        return _scratch.AsSpan(_scratchLength);
    }

    public NameRef CommitScratch(int written)
    {
        var name = new NameRef(InScratch: true, _scratchLength, written);
        _scratchLength += written;
        return name;
    }

    public void Reset()
    {
        Input = default;
        _scratchLength = 0;
        if (_scratch.Length > 64 * 1024)
        {
            _scratch = new byte[256];
        }
    }
}
