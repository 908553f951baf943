using System.Text.Json.Serialization;

namespace Dashboard.Nats;

/// <summary>The server's INFO message (the fields this client uses).</summary>
public sealed record NatsServerInfo
{
    public string ServerId { get; init; } = string.Empty;

    public string? ServerName { get; init; }

    public string Version { get; init; } = string.Empty;

    public int Proto { get; init; }

    public string? Host { get; init; }

    public int Port { get; init; }

    public bool Headers { get; init; }

    public long MaxPayload { get; init; } = 1024 * 1024;

    public bool TlsRequired { get; init; }

    public bool AuthRequired { get; init; }

    [JsonPropertyName("jetstream")]
    public bool JetStream { get; init; }

    public long ClientId { get; init; }

    public IReadOnlyList<string>? ConnectUrls { get; init; }
}
