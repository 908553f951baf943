namespace Dashboard.Nats.JetStream;

/// <summary>One pull request to a consumer.</summary>
public sealed record FetchOptions
{
    public int MaxMessages { get; init; } = 10;

    /// <summary>How long the server holds the request open waiting for messages.</summary>
    public TimeSpan Expires { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Return at once with what is available (status 404 when nothing is).</summary>
    public bool NoWait { get; init; }

    /// <summary>When set, the server sends heartbeats; missing two in a row fails the fetch.</summary>
    public TimeSpan? IdleHeartbeat { get; init; }
}
