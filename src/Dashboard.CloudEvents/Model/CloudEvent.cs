using System.Collections.ObjectModel;

namespace Dashboard.CloudEvents;

/// <summary>
/// A CloudEvents 1.0 event. Instances produced by the parsers and decoders are valid;
/// an event built in code can be checked with <see cref="Validate"/>.
/// </summary>
public sealed class CloudEvent : IEquatable<CloudEvent>
{
    /// <summary>The only specification version this library reads and writes.</summary>
    public const string SpecVersion10 = "1.0";

    internal static readonly IReadOnlyDictionary<string, object> NoExtensions =
        new ReadOnlyDictionary<string, object>(new OrderedDictionary<string, object>(0, StringComparer.Ordinal));

    /// <summary>Always "1.0".</summary>
    public string SpecVersion => SpecVersion10;

    public required string Id { get; init; }

    /// <summary>A URI-reference (absolute or relative).</summary>
    public required string Source { get; init; }

    public required string Type { get; init; }

    /// <summary>An RFC 2046 media type, or null when absent.</summary>
    public string? DataContentType { get; init; }

    /// <summary>An absolute URI, or null when absent.</summary>
    public string? DataSchema { get; init; }

    public string? Subject { get; init; }

    public DateTimeOffset? Time { get; init; }

    /// <summary>Extension attributes in document order. Values are <see cref="string"/>, <see cref="bool"/> or <see cref="int"/>.</summary>
    public IReadOnlyDictionary<string, object> Extensions { get; init; } = NoExtensions;

    /// <summary>The event data, or null when the event has none.</summary>
    public CloudEventData? Data { get; init; }

    /// <summary>Checks every attribute rule; an empty list means the event is valid.</summary>
    public IReadOnlyList<CloudEventError> Validate() => CloudEventValidator.Validate(this);

    public bool Equals(CloudEvent? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return Id == other.Id
            && Source == other.Source
            && Type == other.Type
            && DataContentType == other.DataContentType
            && DataSchema == other.DataSchema
            && Subject == other.Subject
            && Nullable.Equals(Time, other.Time)
            && ExtensionsEqual(Extensions, other.Extensions)
            && Equals(Data, other.Data);
    }

    public override bool Equals(object? obj) => obj is CloudEvent other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Id, Source, Type);

    public override string ToString() => $"CloudEvent(id={Id}, source={Source}, type={Type})";

    private static bool ExtensionsEqual(IReadOnlyDictionary<string, object> a, IReadOnlyDictionary<string, object> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        using var left = a.GetEnumerator();
        using var right = b.GetEnumerator();
        while (left.MoveNext() && right.MoveNext())
        {
            if (left.Current.Key != right.Current.Key || !Equals(left.Current.Value, right.Current.Value))
            {
                return false;
            }
        }

        return true;
    }
}
