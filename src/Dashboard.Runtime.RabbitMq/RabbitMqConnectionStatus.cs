namespace Dashboard.Runtime.RabbitMq;

/// <summary>Where the sources' broker connection stands.</summary>
public enum RabbitMqConnectionState
{
    /// <summary>No enabled RabbitMQ-source definition: no connection is wanted.</summary>
    Idle,

    /// <summary>Wanted, not open yet (first attempt, or the broker has not answered).</summary>
    Connecting,

    /// <summary>Open and consuming.</summary>
    Connected,

    /// <summary>Open, but the broker blocked publishing on it (a memory or disk alarm); deliveries still arrive.</summary>
    Blocked,

    /// <summary>Was open and closed unexpectedly; being re-opened.</summary>
    Lost,
}

/// <summary>The state, why (never a URI with credentials), and since when.</summary>
public sealed record RabbitMqConnectionStatus(RabbitMqConnectionState State, string Description, DateTimeOffset Since);
