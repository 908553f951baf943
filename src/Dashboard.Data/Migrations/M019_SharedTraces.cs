namespace Dashboard.Data.Migrations;

/// <summary>
/// Accepted events from one sender to one route have the same routing trace, about 650 bytes of JSON that every
/// ledger row repeated. Such traces are now stored once in <c>ingestion_traces</c> and referenced by
/// <c>ingestion_ledger.TraceId</c>; rejections and duplicates (whose traces name what went wrong) keep theirs inline.
/// <c>LastSeenAt</c> is an upper bound of the time of every ledger row referencing the trace, so retention can drop a
/// trace once the oldest ledger row is newer than that.
/// </summary>
internal static class M019_SharedTraces
{
    public static Migration Migration { get; } = new(19, "shared ingestion traces", """
        CREATE TABLE ingestion_traces (
            Id INTEGER PRIMARY KEY,
            Text TEXT NOT NULL UNIQUE,
            LastSeenAt INTEGER NOT NULL
        );
        ALTER TABLE ingestion_ledger ADD COLUMN TraceId INTEGER NULL;
        """);
}
