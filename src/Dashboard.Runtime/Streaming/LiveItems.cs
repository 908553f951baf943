using Dashboard.Data.Events;

namespace Dashboard.Runtime.Streaming;

/// <summary>Builds live items from what the event store committed.</summary>
internal static class LiveItems
{
    public static LiveItem Stored(NewEvent e, StoredEvent stored, LedgerRow ledger) => new()
    {
        Kind = LiveItemKind.Ingestion,
        At = ledger.At,
        Outcome = stored.Duplicate ? "Duplicate" : ledger.Outcome,
        Status = stored.Duplicate ? 200 : ledger.Status,
        EventSeq = stored.Seq,
        LedgerId = stored.LedgerId,
        EventId = e.Id,
        Source = e.Source,
        Type = e.Type,
        Subject = e.Subject,
        DefinitionId = e.DefinitionId ?? ledger.DefinitionId,
        Route = ledger.Route,
        RemoteAddress = ledger.RemoteAddress,
        TokenId = ledger.TokenId,
        Actor = e.Initiator,
    };

    public static LiveItem Rejection(LedgerRow ledger, long? ledgerId) => new()
    {
        LedgerId = ledgerId,
        Kind = LiveItemKind.Ingestion,
        At = ledger.At,
        Outcome = ledger.Outcome,
        Status = ledger.Status,
        EventId = ledger.EventId,
        Source = ledger.EventSource,
        Type = ledger.EventType,
        DefinitionId = ledger.DefinitionId,
        Route = ledger.Route,
        Message = ledger.Reason,
        RemoteAddress = ledger.RemoteAddress,
        TokenId = ledger.TokenId,
    };

    public static LiveItem Activity(ActivityRow row, LedgerRow ledger) => new()
    {
        Kind = LiveItemKind.Activity,
        At = row.At,
        Outcome = row.Kind,
        Status = ledger.Status,
        WorkflowId = row.WorkflowId,
        DefinitionId = ledger.DefinitionId,
        Route = ledger.Route,
        Message = row.Message,
        RemoteAddress = row.RemoteAddress,
        TokenId = row.TokenId,
        Actor = row.Actor,
    };
}
