namespace Dashboard.Nats;

public enum NatsConnectionState
{
    Connecting,
    Connected,
    Disconnected,
    Reconnecting,
    Closed,
}

public sealed class NatsConnectionStateChangedEventArgs(
    NatsConnectionState previous, NatsConnectionState state, string? reason) : EventArgs
{
    public NatsConnectionState Previous { get; } = previous;

    public NatsConnectionState State { get; } = state;

    /// <summary>Why the state changed (the error that dropped the connection, for example).</summary>
    public string? Reason { get; } = reason;
}

public sealed class NatsServerErrorEventArgs(string message) : EventArgs
{
    /// <summary>The text of the server's <c>-ERR</c>, without quotes.</summary>
    public string Message { get; } = message;
}

public sealed class NatsSlowConsumerEventArgs(NatsSubscription subscription) : EventArgs
{
    public NatsSubscription Subscription { get; } = subscription;
}
