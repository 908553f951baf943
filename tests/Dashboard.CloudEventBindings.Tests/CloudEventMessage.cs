namespace Dashboard.CloudEventBindings.Tests;

/// <summary>
/// An encoded transport message. <see cref="ContentType"/> is the transport's Content-Type (null: send none) and is
/// never repeated in <see cref="Headers"/>; for NATS send it as the <c>Content-Type</c> header.
/// </summary>
public sealed record CloudEventMessage(string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body);
