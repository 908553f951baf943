using System.Text.Json;
using CloudNative.CloudEvents;

namespace Dashboard.CloudEventBindings;

/// <summary>Options for every reader and decoder. Immutable; <see cref="Default"/> is shared.</summary>
public sealed class CloudEventReaderOptions
{
    /// <summary>The largest accepted <see cref="MaxDepth"/>.</summary>
    public const int MaxDepthLimit = 1000;

    private readonly int _maxDepth = 64;

    public static CloudEventReaderOptions Default { get; } = new();

    /// <summary>The deepest JSON nesting accepted, counting the event object (and the batch array) as levels. Default 64.</summary>
    public int MaxDepth
    {
        get => _maxDepth;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxDepthLimit);
            _maxDepth = value;
        }
    }

    /// <summary>The parser options of every reader: <see cref="MaxDepth"/>, and no duplicate member names.</summary>
    internal JsonDocumentOptions DocumentOptions => new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    /// <summary>
    /// Known extension attributes with their types (the SDK's <see cref="CloudEventAttribute"/>). A declared extension
    /// must carry a value of its type; undeclared extensions accept string, boolean and integer values.
    /// </summary>
    public IReadOnlyList<CloudEventAttribute>? ExtensionAttributes { get; init; }
}
