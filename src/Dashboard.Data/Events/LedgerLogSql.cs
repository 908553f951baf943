namespace Dashboard.Data.Events;

/// <summary>
/// The ingestion ledger as readers see it (M020): the <c>ingestion_ledger</c> rows (what was not stored, and every row
/// written before M020) plus each accepted event, read from its own row. Both parts are read in arrival order
/// (<c>Pos</c>: a ledger row's <c>EventMark</c>, an event's <c>Seq</c>) and merged by SQLite without sorting either
/// table. An event's entry has the negated <c>Seq</c> as its Id, so it never equals a ledger row's.
/// </summary>
public static class LedgerLogSql
{
    /// <summary>
    /// Columns of every read: Pos, Id, At, RemoteAddress, Route, ContentMode, Outcome, Status, Reason, DefinitionId,
    /// DefinitionKey, TokenId, EventId, EventSource, EventType, EventSeq, Routing, Trace (the whole trace JSON), TraceId,
    /// InlineTrace (a trace stored on the ledger row itself).
    /// </summary>
    private const string LedgerPart = """
        SELECT l.EventMark AS Pos, l.Id AS Id, l.At AS At, l.RemoteAddress AS RemoteAddress, l.Route AS Route, l.ContentMode AS ContentMode,
               l.Outcome AS Outcome, l.Status AS Status, l.Reason AS Reason, l.DefinitionId AS DefinitionId, ld.Key AS DefinitionKey,
               l.TokenId AS TokenId, l.EventId AS EventId, l.EventSource AS EventSource, l.EventType AS EventType, l.EventSeq AS EventSeq,
               l.Routing AS Routing, COALESCE(l.Trace, lt.Text) AS Trace, l.TraceId AS TraceId, l.Trace AS InlineTrace
        FROM ingestion_ledger l LEFT JOIN event_definitions ld ON ld.Id = l.DefinitionId LEFT JOIN ingestion_traces lt ON lt.Id = l.TraceId
        """;

    private const string EventPart = """
        SELECT e.Seq, -e.Seq, e.ReceivedAt, e.RemoteAddress, e.Route, e.ContentMode, 'Accepted', e.Status, NULL, e.DefinitionId, ed.Key,
               e.TokenId, e.Id, e.Source, e.Type, e.Seq, e.Routing, et.Text, e.TraceId, NULL
        FROM events e LEFT JOIN event_definitions ed ON ed.Id = e.DefinitionId LEFT JOIN ingestion_traces et ON et.Id = e.TraceId
        """;

    /// <summary>The outcome of an event whose entry is its own row.</summary>
    public const string AcceptedOutcome = "Accepted";

    /// <summary>Which events carry their ledger entry (M020); older events have a ledger row instead.</summary>
    public const string EventHasEntry = "e.Status IS NOT NULL";

    /// <summary>The whole merged log (unordered), for a <c>FROM (…)</c>.</summary>
    public static readonly string All = Merge("1 = 1", "1 = 1", "");

    /// <summary>
    /// The newest entries, optionally of one outcome (<c>$p0</c>) or definition (<c>$p1</c>), <c>$p2</c> of them after
    /// <c>$p3</c>: both parts in <c>Pos</c> order (the ledger's through its partial <c>EventMark</c> index) and merged.
    /// </summary>
    public static readonly string Page = Merge(
        "l.EventMark IS NOT NULL AND ($p0 IS NULL OR l.Outcome = $p0) AND ($p1 IS NULL OR l.DefinitionId = $p1)",
        $"($p0 IS NULL OR $p0 = '{AcceptedOutcome}') AND ($p1 IS NULL OR e.DefinitionId = $p1)",
        "ORDER BY 1 DESC LIMIT $p2 OFFSET $p3");

    /// <summary>
    /// How many entries <see cref="Page"/> filters from. Accepted events are counted as all events less those stored
    /// before M020 (the partial index <c>IX_events_WithoutEntry</c> holds only them), so no count reads the events table.
    /// </summary>
    public static readonly string Count = $"""
        SELECT (SELECT COUNT(*) FROM ingestion_ledger l WHERE l.EventMark IS NOT NULL AND ($p0 IS NULL OR l.Outcome = $p0) AND ($p1 IS NULL OR l.DefinitionId = $p1))
             + CASE WHEN $p0 IS NULL OR $p0 = '{AcceptedOutcome}' THEN
                   (SELECT COUNT(*) FROM events e WHERE $p1 IS NULL OR e.DefinitionId = $p1)
                 - (SELECT COUNT(*) FROM events e WHERE e.Status IS NULL AND ($p1 IS NULL OR e.DefinitionId = $p1))
               ELSE 0 END
        """;

    /// <summary>
    /// Every entry about one event identity (<c>$p0</c> source, <c>$p1</c> id) in arrival order: its acceptance,
    /// duplicates and rejections. Ledger rows of a stored event are found by its sequence number, the others (no
    /// stored event) by the identity index that holds only them; the event's own entry by its identity.
    /// </summary>
    public static readonly string ForIdentity = Merge(
        "l.EventSeq IN (SELECT Seq FROM events WHERE Source = $p0 AND Id = $p1) OR (l.EventSeq IS NULL AND l.EventSource = $p0 AND l.EventId = $p1)",
        "e.Source = $p0 AND e.Id = $p1",
        "ORDER BY 1");

    /// <summary>One entry by its Id (<c>$p0</c>): a ledger row's, or the negated <c>Seq</c> of an event's.</summary>
    public static string ById(long id) => id < 0
        ? $"{EventPart} WHERE {EventHasEntry} AND e.Seq = -$p0"
        : $"{LedgerPart} WHERE l.Id = $p0";

    private static string Merge(string ledgerWhere, string eventWhere, string tail) =>
        $"{LedgerPart} WHERE {ledgerWhere}\nUNION ALL\n{EventPart} WHERE {EventHasEntry} AND ({eventWhere})\n{tail}";
}
