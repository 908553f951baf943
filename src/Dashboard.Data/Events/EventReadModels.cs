namespace Dashboard.Data.Events;

/// <summary>A stored event as read back for the API and the dashboard.</summary>
public sealed record StoredEventView(
    long Seq, string Id, string Source, string Type, string? Subject, DateTimeOffset? Time, string? DataContentType,
    string? DataSchema, string? ExtensionsJson, byte[]? Data, bool DataIsJson, long? DefinitionId, string? DefinitionKey,
    string ContentMode, string? Initiator, string? CausationId, DateTimeOffset ReceivedAt);

/// <summary>A ledger entry as read back (<see cref="LedgerLogSql"/>): a ledger row, or an accepted event's own row.</summary>
public sealed record LedgerView(
    long Id, DateTimeOffset At, string? RemoteAddress, string? Route, string? ContentMode, string Outcome, int Status,
    string? Reason, long? DefinitionId, string? DefinitionKey, long? TokenId, string? EventId, string? EventSource,
    string? EventType, long? EventSeq, string? RoutingJson, string? TraceJson);

/// <summary>A run as listed under the event that started it.</summary>
public sealed record EventRunView(long Id, long WorkflowId, string? WorkflowName, int WorkflowVersion, string State, DateTimeOffset CreatedAt);

/// <summary>A page of results with the total matching count.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total);
