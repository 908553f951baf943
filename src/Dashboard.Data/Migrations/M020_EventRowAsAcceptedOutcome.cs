namespace Dashboard.Data.Migrations;

/// <summary>
/// An accepted event's ledger entry is its own row: the request's remote address, route, status, token, routing and
/// shared trace (M019) are columns of <c>events</c> (no index), written by the event's <c>INSERT</c>, and no ledger row
/// is written for it. <c>ingestion_ledger</c> keeps what was not stored (rejections, duplicates, unmatched requests) and
/// every row written before this migration.
/// <para>
/// Readers see the ledger through <c>LedgerLogSql</c>: ledger rows and accepted events whose <c>Status</c> is set
/// (events stored before this migration have NULL there and keep their ledger rows, so nothing shows twice), both
/// ordered by arrival: an event by its <c>Seq</c>, a ledger row by its <c>EventMark</c> (the newest <c>Seq</c> issued
/// when the row was written, plus one half; in a partial index). An event's entry has the negated <c>Seq</c> as its
/// Id, so it never equals a ledger row's. Rows written before this migration get their mark here: an accepted row its
/// event's <c>Seq</c>, any other row the newest <c>Seq</c> of the rows before it plus one half. A partial index holds
/// the events stored before this migration (no <c>Status</c>), so the log's size is counted from indexes alone; events
/// stored since are not in it and cost no entry.
/// </para>
/// </summary>
internal static class M020_EventRowAsAcceptedOutcome
{
    public static Migration Migration { get; } = new(20, "event row as the accepted outcome", """
        ALTER TABLE events ADD COLUMN RemoteAddress TEXT NULL;
        ALTER TABLE events ADD COLUMN Route TEXT NULL;
        ALTER TABLE events ADD COLUMN Status INTEGER NULL;
        ALTER TABLE events ADD COLUMN TokenId INTEGER NULL;
        ALTER TABLE events ADD COLUMN Routing TEXT NULL;
        ALTER TABLE events ADD COLUMN TraceId INTEGER NULL;
        ALTER TABLE ingestion_ledger ADD COLUMN EventMark REAL NULL;
        UPDATE ingestion_ledger SET EventMark = m.Mark
        FROM (SELECT Id, COALESCE(EventSeq, IFNULL(MAX(EventSeq) OVER (ORDER BY Id), 0) + 0.5) AS Mark FROM ingestion_ledger) m
        WHERE m.Id = ingestion_ledger.Id;
        CREATE INDEX IX_ingestion_ledger_EventMark ON ingestion_ledger (EventMark) WHERE EventMark IS NOT NULL;
        CREATE INDEX IX_events_WithoutEntry ON events (Seq) WHERE Status IS NULL;
        """);
}
