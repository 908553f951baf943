namespace Dashboard.Data.Migrations;

/// <summary>Scale-out: the instance that executed a run (the owner or a worker), for the dashboard and crash recovery.</summary>
internal static class M006_RunExecutedBy
{
    public static Migration Migration { get; } = new(6, "run executed by", """
        ALTER TABLE runs ADD COLUMN ExecutedBy TEXT NULL;
        """);
}
