using Dashboard.Data.Entities;

namespace Dashboard.Runtime.Definitions;

/// <summary>The editable shape of an event definition, shared by the form, the REST API and YAML import.</summary>
public sealed class EventDefinitionModel
{
    public long? Id { get; set; }
    public string Key { get; set; } = "";
    public string Description { get; set; } = "";
    public EventSourceKind SourceKind { get; set; } = EventSourceKind.Http;
    public string? HttpRoute { get; set; }
    public string HttpMethod { get; set; } = "POST";
    public string? NatsSubject { get; set; }
    public bool NatsWrapNonCloudEvents { get; set; } = true;

    /// <summary>JetStream stream to read <see cref="NatsSubject"/> from; empty for a core subscription.</summary>
    public string? NatsStream { get; set; }
    public string? RabbitQueue { get; set; }
    public bool RabbitDeclareQueue { get; set; }
    public string? RabbitExchange { get; set; }
    public string? RabbitRoutingKey { get; set; }
    public int RabbitPrefetch { get; set; } = 32;
    public CronMissedFirePolicy CronMissedFirePolicy { get; set; } = CronMissedFirePolicy.FireOnce;
    public string? CronExpression { get; set; }
    public string? TimeZone { get; set; } = "UTC";
    public string? TypeFilter { get; set; }
    public string? DataSchema { get; set; }
    public EventAuthMode AuthMode { get; set; } = EventAuthMode.Token;

    /// <summary>A new HMAC secret in clear, only when setting or replacing it; never read back.</summary>
    public string? NewHmacSecret { get; set; }
    public bool Enabled { get; set; } = true;
    public List<string> WorkflowNames { get; set; } = [];

    /// <summary><c>sync</c>: the HTTP caller waits for the bound workflow's response; <c>async</c> (default): 202 once stored.</summary>
    public EventMode Mode { get; set; } = EventMode.Async;

    /// <summary>JSON Schema every response of a sync event must satisfy; empty means any response.</summary>
    public string? ResponseSchema { get; set; }

    /// <summary>Seconds a sync caller waits before 504; the run goes on.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("timeoutSeconds")]
    public int SyncTimeoutSeconds { get; set; } = 30;

    /// <summary>A JSON object template for the 400 body of data-schema failures (docs/definitions.md); empty: problem body.</summary>
    public string? ValidationErrorBody { get; set; }

    public static EventDefinitionModel From(EventDefinition entity) => new()
    {
        Id = entity.Id,
        Key = entity.Key,
        Description = entity.Description,
        SourceKind = entity.SourceKind,
        HttpRoute = entity.HttpRoute,
        HttpMethod = entity.HttpMethod,
        NatsSubject = entity.NatsSubject,
        NatsWrapNonCloudEvents = entity.NatsWrapNonCloudEvents,
        NatsStream = entity.NatsStream,
        RabbitQueue = entity.RabbitQueue,
        RabbitDeclareQueue = entity.RabbitDeclareQueue,
        RabbitExchange = entity.RabbitExchange,
        RabbitRoutingKey = entity.RabbitRoutingKey,
        RabbitPrefetch = entity.RabbitPrefetch,
        CronMissedFirePolicy = entity.CronMissedFirePolicy,
        CronExpression = entity.CronExpression,
        TimeZone = entity.TimeZone,
        TypeFilter = entity.TypeFilter,
        DataSchema = entity.DataSchema,
        AuthMode = entity.AuthMode,
        Enabled = entity.Enabled,
        Mode = entity.Mode,
        ResponseSchema = entity.ResponseSchema,
        SyncTimeoutSeconds = entity.SyncTimeoutSeconds,
        ValidationErrorBody = entity.ValidationErrorBody,
        WorkflowNames = entity.Bindings.Where(b => b.WorkflowDefinition is not null).Select(b => b.WorkflowDefinition!.Name).Order().ToList(),
    };
}
