namespace Dashboard.Nats.JetStream;

/// <summary>The stream's acknowledgement of a publish. <see cref="Duplicate"/> is set when the Nats-Msg-Id was seen before.</summary>
public sealed record PubAck(string Stream, ulong Sequence, bool Duplicate, string? Domain);
