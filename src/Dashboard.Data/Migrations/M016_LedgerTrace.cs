namespace Dashboard.Data.Migrations;

/// <summary>The routing trace of every ingestion outcome (compact JSON, see <c>IngestionTrace</c>), written with its ledger row.</summary>
internal static class M016_LedgerTrace
{
    public static Migration Migration { get; } = new(16, "ledger trace", """
        ALTER TABLE ingestion_ledger ADD COLUMN Trace TEXT NULL;
        """);
}
