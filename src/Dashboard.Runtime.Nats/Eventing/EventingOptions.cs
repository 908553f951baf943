namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>
/// Section <c>Eventing</c>: how accepted events reach the workflow workers. <c>Embedded</c> (default) claims runs from
/// the SQLite store in process; <c>Nats</c> queues them on a JetStream stream and falls back to embedded dispatch
/// while NATS is unreachable.
/// </summary>
public sealed class EventingOptions
{
    public const string SectionName = "Eventing";
    public const string EmbeddedMode = "Embedded";
    public const string NatsMode = "Nats";

    /// <summary><c>Embedded</c> or <c>Nats</c>.</summary>
    public string Mode { get; set; } = EmbeddedMode;

    public NatsEventingOptions Nats { get; set; } = new();

    public bool IsNatsMode => string.Equals(Mode, NatsMode, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Section <c>Eventing:Nats</c>: the server, the stream and the durable consumer.</summary>
public sealed class NatsEventingOptions
{
    /// <summary><c>nats://host:port</c> (several separated by commas); empty means the local server on <see cref="LocalPort"/>.</summary>
    public string? Url { get; set; }

    public string? Token { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>A PEM file of the CA (or the self-signed certificate) that signed the server's TLS certificate; set, TLS is required.</summary>
    public string? TlsCaFile { get; set; }

    public string StreamName { get; set; } = "DASHBOARD_EVENTS";

    /// <summary>Events are published on <c>&lt;prefix&gt;.&lt;definition key&gt;</c>; the stream holds <c>&lt;prefix&gt;.&gt;</c>.</summary>
    public string SubjectPrefix { get; set; } = "dashboard.events";

    public string ConsumerName { get; set; } = "dashboard-workers";

    /// <summary>Messages delivered and not yet acknowledged before the server stops delivering.</summary>
    public int MaxAckPending { get; set; } = 1_000;

    public int AckWaitSeconds { get; set; } = 30;

    /// <summary>Deliveries per message before a MAX_DELIVERIES advisory dead-letters the event's queued runs.</summary>
    public int MaxDeliver { get; set; } = 5;

    /// <summary>How long the de-duplication window of the stream remembers <c>Nats-Msg-Id</c> values.</summary>
    public int DuplicateWindowSeconds { get; set; } = 120;

    /// <summary>How long the stream keeps messages (acknowledged or not).</summary>
    public int StreamMaxAgeHours { get; set; } = 24;

    /// <summary>Connection state changes kept for the System page (oldest dropped first).</summary>
    public int HistoryCapacity { get; set; } = 100;

    /// <summary>Queued runs older than this are claimed by the embedded dispatcher even while NATS is connected (a lost publish).</summary>
    public int FallbackAfterSeconds { get; set; } = 15;

    /// <summary>Stream replicas (1 on a single server; 3 on a three-node cluster so losing one node loses nothing).</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Scale-out: the stream on which workers forward accepted and rejected events to the owner.</summary>
    public string IngestStreamName { get; set; } = "DASHBOARD_INGEST";

    /// <summary>Scale-out: forwarded writes are published on <c>&lt;prefix&gt;.accepted</c> and <c>&lt;prefix&gt;.rejected</c>.</summary>
    public string IngestSubjectPrefix { get; set; } = "dashboard.ingest";

    /// <summary>Scale-out: the owner's durable consumer of the ingest stream.</summary>
    public string IngestConsumerName { get; set; } = "dashboard-owner";

    /// <summary>Scale-out: request/reply and notices between owner and workers (<c>&lt;prefix&gt;.catalog</c>, <c>&lt;prefix&gt;.changed</c>).</summary>
    public string ControlSubjectPrefix { get; set; } = "dashboard.control";

    /// <summary>Start <see cref="ServerExecutable"/> with JetStream under the data folder, and stop it on shutdown.</summary>
    public bool StartLocalServer { get; set; }

    public string ServerExecutable { get; set; } = "nats-server";

    public int LocalPort { get; set; } = 4222;

    /// <summary>The URL to connect to: <see cref="Url"/>, or the local server.</summary>
    public string EffectiveUrl => string.IsNullOrWhiteSpace(Url) ? $"nats://127.0.0.1:{LocalPort}" : Url;
}
