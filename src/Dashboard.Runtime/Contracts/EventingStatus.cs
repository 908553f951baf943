namespace Dashboard.Runtime.Contracts;

/// <summary>Where accepted events go to be run.</summary>
public enum DispatchMode
{
    /// <summary>Eventing:Mode is Embedded: the in-process dispatcher claims every run.</summary>
    Embedded,

    /// <summary>Nats mode, before the first connection attempt finished.</summary>
    Starting,

    /// <summary>Nats mode and connected: runs are queued on JetStream.</summary>
    Nats,

    /// <summary>Nats mode but NATS is unreachable: the embedded dispatcher claims every run.</summary>
    Fallback,
}

/// <summary>One connection state change, as kept in the bounded history.</summary>
public sealed record ConnectionStateEntry(DateTimeOffset At, string State, string? Reason);

/// <summary>
/// What the System page shows about eventing, as <see cref="IEventingView"/> reads it: the embedded default, or the
/// transport module's state (connection, server, stream and consumer figures read live when connected).
/// </summary>
public sealed record EventingStatus(
    string Mode,
    DispatchMode Dispatch,
    DateTimeOffset? DispatchSince,
    bool ConnectionWanted,
    string? Url,
    string? ConnectionState,
    ServerSummary? Server,
    StreamStatus? Stream,
    ConsumerStatus? Consumer,
    string? LastError,
    bool LocalServerRunning,
    IReadOnlyList<ConnectionStateEntry> History,
    long HistoryDropped,
    int NatsSources)
{
    /// <summary>NATS sources read from JetStream streams, with their durable consumer's figures.</summary>
    public IReadOnlyList<SourceConsumerStatus> SourceConsumers { get; init; } = [];

    /// <summary>Embedded mode with no transport: runs are claimed in process from the store.</summary>
    public static EventingStatus Embedded { get; } =
        new("Embedded", DispatchMode.Embedded, null, false, null, null, null, null, null, null, false, [], 0, 0);
}

/// <summary>The server the transport is connected to.</summary>
public sealed record ServerSummary(string Name, string Version, bool JetStream, long MaxPayload);

/// <summary>A JetStream-backed NATS source: its consumer's figures, or why they could not be read.</summary>
public sealed record SourceConsumerStatus(string Key, string Stream, string Subject, ConsumerStatus? Consumer, string? Error);

public sealed record StreamStatus(string Name, IReadOnlyList<string> Subjects, ulong Messages, ulong Bytes, ulong FirstSeq, ulong LastSeq);

public sealed record ConsumerStatus(string Name, ulong NumPending, int NumAckPending, int MaxAckPending, int NumRedelivered, int NumWaiting)
{
    /// <summary>Share of max_ack_pending in use; at 100% the server silently stops delivering.</summary>
    public double AckPendingRatio => MaxAckPending <= 0 ? 0 : (double)NumAckPending / MaxAckPending;

    /// <summary>True from 80% of max_ack_pending.</summary>
    public bool AckPendingWarning => AckPendingRatio >= 0.8;
}
