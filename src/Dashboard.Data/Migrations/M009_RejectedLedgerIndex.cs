namespace Dashboard.Data.Migrations;

/// <summary>
/// The overview counts rejected requests every few seconds; without an index that count read the whole ledger (2.5 s
/// cold, 0.14 s warm at a million rows). A partial index holds only the rejected rows, so accepted events do not pay
/// for it and the count reads just those.
/// </summary>
internal static class M009_RejectedLedgerIndex
{
    public static Migration Migration { get; } = new(9, "rejected ledger rows index", """
        CREATE INDEX IF NOT EXISTS IX_ingestion_ledger_Rejected_At ON ingestion_ledger (At) WHERE Outcome LIKE 'Rejected%';
        """);
}
