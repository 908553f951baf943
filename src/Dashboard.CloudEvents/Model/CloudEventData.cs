using System.Text;

namespace Dashboard.CloudEvents;

/// <summary>
/// The data of an event as raw bytes. <see cref="IsJson"/> is true when <see cref="Bytes"/> holds UTF-8 JSON text:
/// the JSON value of the <c>data</c> member in the JSON format, or a body whose content type is JSON in binary mode.
/// Otherwise the bytes are opaque (decoded <c>data_base64</c>, or a non-JSON binary-mode body).
/// </summary>
public sealed class CloudEventData : IEquatable<CloudEventData>
{
    private CloudEventData(ReadOnlyMemory<byte> bytes, bool isJson)
    {
        Bytes = bytes;
        IsJson = isJson;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    public bool IsJson { get; }

    /// <summary>Wraps UTF-8 JSON text. The text is not copied and is checked only when written.</summary>
    public static CloudEventData FromJson(ReadOnlyMemory<byte> utf8Json) => new(utf8Json, isJson: true);

    /// <summary>Wraps JSON text given as a string.</summary>
    public static CloudEventData FromJson(string json) => new(Encoding.UTF8.GetBytes(json), isJson: true);

    /// <summary>Wraps opaque bytes. The bytes are not copied.</summary>
    public static CloudEventData FromBytes(ReadOnlyMemory<byte> bytes) => new(bytes, isJson: false);

    public bool Equals(CloudEventData? other) =>
        other is not null && IsJson == other.IsJson && Bytes.Span.SequenceEqual(other.Bytes.Span);

    public override bool Equals(object? obj) => obj is CloudEventData other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(IsJson, Bytes.Length);

    /// <summary>The bytes decoded as UTF-8 (for diagnostics and text payloads).</summary>
    public override string ToString() => Encoding.UTF8.GetString(Bytes.Span);
}
