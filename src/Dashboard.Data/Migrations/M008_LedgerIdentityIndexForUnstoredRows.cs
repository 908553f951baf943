namespace Dashboard.Data.Migrations;

/// <summary>
/// The ledger's (EventSource, EventId) index took a random page for every accepted event (CloudEvents ids are random),
/// one more page for each commit to write to the WAL and to checkpoint. A stored event's ledger rows are found through
/// <c>EventSeq</c> (an index that only appends); the identity index now holds just the rows without a stored event
/// (duplicates and rejections), which have nothing else to be found by.
/// </summary>
internal static class M008_LedgerIdentityIndexForUnstoredRows
{
    public static Migration Migration { get; } = new(8, "ledger identity index for unstored rows", """
        DROP INDEX IF EXISTS IX_ingestion_ledger_Source_Id;
        CREATE INDEX IX_ingestion_ledger_Unstored_Source_Id ON ingestion_ledger (EventSource, EventId) WHERE EventSeq IS NULL;
        """);
}
