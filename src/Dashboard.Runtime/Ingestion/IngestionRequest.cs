namespace Dashboard.Runtime.Ingestion;

/// <summary>What arrived, independent of the transport: every source (HTTP, NATS, cron, manual) builds one of these.</summary>
public sealed record IngestionRequest
{
    /// <summary>The webhook route (<c>/hooks/{route}</c>); null when routing by CloudEvents type (<c>/events</c>).</summary>
    public string? Route { get; init; }

    /// <summary>The definition to route to directly (cron, NATS and manual sources); skips route and type lookup.</summary>
    public long? DefinitionId { get; init; }
    public string Method { get; init; } = "POST";
    public string? RemoteAddress { get; init; }
    public string? ContentType { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>A token from the <c>access_token</c> query parameter (CloudEvents webhook spec).</summary>
    public string? QueryToken { get; init; }

    /// <summary>True when the query named <c>access_token</c> more than once (two credentials: rejected).</summary>
    public bool QueryTokenRepeated { get; init; }

    /// <summary>
    /// The decision taken when the sender's connection was opened (a WebSocket handshake): each message on it is
    /// attributed to that token instead of being checked again (a signature covered the handshake, not each frame).
    /// </summary>
    public IngestionAuthorizer.Decision? Authorized { get; init; }

    /// <summary>Set when the caller already authenticated the sender (a signed-in Operator, the scheduler).</summary>
    public string? TrustedInitiator { get; init; }
    public string? CausationId { get; init; }

    /// <summary>How the message arrived; it decides which CloudEvents protocol binding decodes it.</summary>
    public IngestionTransport Transport { get; init; } = IngestionTransport.Http;

    /// <summary>The subject a NATS message arrived on.</summary>
    public string? NatsSubject { get; init; }

    /// <summary>Where a message from another source came from, as the ledger shows it (<c>rabbitmq:orders</c>).</summary>
    public string? SourceRoute { get; init; }

    /// <summary>The route or source shown in the ledger.</summary>
    public string LedgerRoute => SourceRoute is not null ? SourceRoute
        : Route is not null ? $"/hooks/{Route}"
        : NatsSubject is not null ? $"nats:{NatsSubject}"
        : DefinitionId is not null ? "internal" : "/events";
}

/// <summary>The protocol binding of an <see cref="IngestionRequest"/>.</summary>
public enum IngestionTransport
{
    /// <summary>HTTP binding: structured, batch or binary mode by Content-Type and ce- headers.</summary>
    Http,

    /// <summary>NATS binding: structured JSON, or binary mode with ce- headers.</summary>
    Nats,

    /// <summary>AMQP binding: structured by content-type, or binary with cloudEvents: application properties.</summary>
    Amqp,
}
