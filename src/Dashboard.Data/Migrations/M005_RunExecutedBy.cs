namespace Dashboard.Data.Migrations;

/// <summary>Scale-out: the instance that executed a run (the owner or a worker), for the dashboard and crash recovery.</summary>
internal static class M005_RunExecutedBy
{
    public static Migration Migration { get; } = new(5, "run executed by", """
        ALTER TABLE runs ADD COLUMN ExecutedBy TEXT NULL;
        """);
}
