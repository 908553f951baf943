namespace Dashboard.Runtime.Ingestion;

/// <summary>The outcome of one request, mapped to HTTP by the endpoint (and to ack/nak by the NATS source).</summary>
public sealed record IngestionResult(int Status, string Outcome, string Title, string? Detail)
{
    public IReadOnlyList<IngestionError> Errors { get; init; } = [];
    public IReadOnlyList<IngestedEvent> Events { get; init; } = [];
    public bool IsBatch { get; init; }
    public int? RetryAfterSeconds { get; init; }

    /// <summary>The methods the route accepts, sent as <c>Allow</c> with a 405 and an OPTIONS answer.</summary>
    public string? Allow { get; init; }

    /// <summary>The origin granted by the CloudEvents webhook validation handshake (<c>WebHook-Allowed-Origin</c>).</summary>
    public string? AllowedOrigin { get; init; }

    public bool Accepted => Status is 200 or 202;

    /// <summary>Set for one accepted (or duplicate) event of a sync definition: its caller waits for the run's answer.</summary>
    public SyncTarget? Sync { get; init; }

    /// <summary>The definition's JSON template for the 400 body of a data-schema failure; null: the problem body.</summary>
    public string? ErrorBodyTemplate { get; init; }
}

/// <summary>What the HTTP edge needs to wait for a sync event's answer: how long, and the workflow that answers (null: none can).</summary>
public sealed record SyncTarget(long DefinitionId, int TimeoutSeconds, long? WorkflowId);

/// <summary>One problem, with the JSON path or header it concerns (e.g. <c>$.data.order.id</c>, <c>$[3].time</c>, <c>ce-id</c>).</summary>
public sealed record IngestionError(string Path, string Message);

/// <summary>What happened to one event of an accepted request.</summary>
public sealed record IngestedEvent(int Index, string Id, string Source, bool Duplicate, long? Seq, IReadOnlyList<string> Workflows)
{
    /// <summary>The ledger entry of the request that stored (or repeated) the event: a duplicate's ledger row, or the stored event's negated Seq.</summary>
    public long? LedgerId { get; init; }
}

/// <summary>Ledger outcomes; the names are stored and filtered on.</summary>
public static class Outcomes
{
    public const string Accepted = "Accepted";
    public const string Duplicate = "Duplicate";
    public const string RejectedAuth = "RejectedAuth";
    public const string RejectedInvalid = "RejectedInvalid";
    public const string Unmatched = "Unmatched";
    public const string Disabled = "Disabled";
    public const string TooLarge = "TooLarge";
    public const string UnsupportedMediaType = "UnsupportedMediaType";
    public const string Overloaded = "Overloaded";
}
