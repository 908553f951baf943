namespace Dashboard.Data.Entities;

/// <summary>What may come in: one event source, how it is reached, what its data must look like and who may send it.</summary>
public sealed class EventDefinition
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public string Description { get; set; } = "";
    public EventSourceKind SourceKind { get; set; } = EventSourceKind.Http;

    /// <summary>The route under /hooks/ (for <see cref="EventSourceKind.Http"/>) or /ws/ (for <see cref="EventSourceKind.WebSocket"/>).</summary>
    public string? HttpRoute { get; set; }
    public string HttpMethod { get; set; } = "POST";
    public string? NatsSubject { get; set; }

    /// <summary>
    /// JetStream stream holding <see cref="NatsSubject"/>: messages are read through a durable consumer and acknowledged
    /// once stored, so nothing published while the app is down is lost. Empty means a core NATS subscription.
    /// </summary>
    public string? NatsStream { get; set; }

    /// <summary>A NATS message that is not a CloudEvent is wrapped into one (true) or rejected (false).</summary>
    public bool NatsWrapNonCloudEvents { get; set; } = true;

    /// <summary>The queue a RabbitMQ source consumes (for <see cref="EventSourceKind.RabbitMq"/>).</summary>
    public string? RabbitQueue { get; set; }

    /// <summary>Declare the queue (durable) at start; false means it must already exist.</summary>
    public bool RabbitDeclareQueue { get; set; }

    /// <summary>An exchange to bind the queue to with <see cref="RabbitRoutingKey"/>; empty means no binding.</summary>
    public string? RabbitExchange { get; set; }
    public string? RabbitRoutingKey { get; set; }

    /// <summary>Unacknowledged messages the broker hands the source at once.</summary>
    public int RabbitPrefetch { get; set; } = 32;
    public string? CronExpression { get; set; }
    public string? TimeZone { get; set; }

    /// <summary>What a cron source does about fire times missed while the app was down.</summary>
    public CronMissedFirePolicy CronMissedFirePolicy { get; set; } = CronMissedFirePolicy.FireOnce;

    /// <summary>The schedule time a cron source last fired for; the next fire is computed from it.</summary>
    public DateTimeOffset? LastFiredAt { get; set; }

    /// <summary>CloudEvents <c>type</c> this definition accepts; routes <c>POST /events</c> by type.</summary>
    public string? TypeFilter { get; set; }

    /// <summary>JSON Schema (draft 2020-12) for the event's <c>data</c>, as text; empty means any data.</summary>
    public string? DataSchema { get; set; }
    public EventAuthMode AuthMode { get; set; } = EventAuthMode.Token;

    /// <summary>HMAC secret, encrypted with Data Protection; never stored in clear.</summary>
    public string? HmacSecretProtected { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Async events answer 202 once stored; sync HTTP events answer with their workflow's response.</summary>
    public EventMode Mode { get; set; } = EventMode.Async;

    /// <summary>JSON Schema (draft 2020-12) a sync event's response must satisfy, as text; empty means any response.</summary>
    public string? ResponseSchema { get; set; }

    /// <summary>How long a sync caller waits for the run before 504 (bounded by <c>Ingestion:MaxSyncTimeoutSeconds</c>).</summary>
    public int SyncTimeoutSeconds { get; set; } = 30;

    /// <summary>A JSON template for the 400 body of data-schema failures; empty means the problem body.</summary>
    public string? ValidationErrorBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<WorkflowBinding> Bindings { get; set; } = [];
}

public enum EventSourceKind
{
    Http,
    Nats,
    Cron,
    Manual,
    RabbitMq,

    /// <summary>A WebSocket at /ws/{route}: each text frame a structured CloudEvent or a batch, each answered in order.</summary>
    WebSocket,
}

/// <summary>Whether the sender waits for the workflow's answer (sync, HTTP only) or only for the event to be stored.</summary>
public enum EventMode
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("async")]
    Async,

    [System.Text.Json.Serialization.JsonStringEnumMemberName("sync")]
    Sync,
}

public enum CronMissedFirePolicy
{
    /// <summary>After downtime, fire once for the missed slots, then continue on schedule.</summary>
    FireOnce,

    /// <summary>After downtime, skip the missed slots.</summary>
    Skip,
}

public enum EventAuthMode
{
    Token,
    Hmac,
    Public,
}
