namespace Dashboard.Data.Migrations;

/// <summary>
/// <c>IX_runs_State</c> is a prefix of <c>IX_runs_State_Next</c>, which serves every query by state; keeping both made
/// each run state change (claim, finish) update one more index inside the single writer's commit.
/// </summary>
internal static class M007_DropRedundantRunStateIndex
{
    public static Migration Migration { get; } = new(7, "drop redundant run state index", """
        DROP INDEX IF EXISTS IX_runs_State;
        """);
}
