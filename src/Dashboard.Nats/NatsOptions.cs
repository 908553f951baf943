using System.Net.Security;

namespace Dashboard.Nats;

/// <summary>Settings of one <see cref="NatsConnection"/>. Durations are wall-clock.</summary>
public sealed record NatsOptions
{
    /// <summary>
    /// <c>nats://host:port</c> or <c>tls://host:port</c>; several servers separated by commas are tried in turn.
    /// User info in the URL is used as token or user/password.
    /// </summary>
    public string Url { get; init; } = "nats://127.0.0.1:4222";

    public string? Name { get; init; }

    public string? Token { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>TLS settings used when the server's INFO says <c>tls_required</c> (or the URL scheme is <c>tls</c>).</summary>
    public SslClientAuthenticationOptions? TlsOptions { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The connection is considered stale when this many PINGs are unanswered.</summary>
    public int MaxPingsOutstanding { get; init; } = 2;

    public TimeSpan ReconnectDelayMin { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan ReconnectDelayMax { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Fraction (0..1) of random spread applied to each reconnect delay.</summary>
    public double ReconnectJitter { get; init; } = 0.2;

    /// <summary>Negative means forever.</summary>
    public int MaxReconnectAttempts { get; init; } = -1;

    /// <summary>Default capacity of a subscription's channel; further messages are dropped and counted.</summary>
    public int SubscriptionCapacity { get; init; } = 4096;

    /// <summary>Bytes buffered for the socket before publishers wait for the writer.</summary>
    public int WriteBufferLimit { get; init; } = 4 * 1024 * 1024;

    /// <summary>Bytes buffered while disconnected before publishes fail.</summary>
    public int ReconnectBufferLimit { get; init; } = 8 * 1024 * 1024;

    /// <summary>Optional sink for diagnostic lines (connects, disconnects, server errors).</summary>
    public Action<string>? Log { get; init; }
}
