namespace Dashboard.Data.Migrations;

/// <summary>
/// A run's start is read from its own row instead of a <c>run-started</c> activity row. <c>StartMark</c> places the
/// start in the activity log: the largest activity Id when the start committed, plus one half, so the start sorts
/// after every activity row written before it and before every row written after it. Runs started before this
/// migration keep their activity rows and have no mark, so no start is shown twice. <c>StartStep</c> is the step the run
/// first started at (a replay from a failed step starts past 0).
/// </summary>
internal static class M017_RunStartMark
{
    public static Migration Migration { get; } = new(17, "run start mark", """
        ALTER TABLE runs ADD COLUMN StartMark REAL NULL;
        ALTER TABLE runs ADD COLUMN StartStep INTEGER NULL;
        CREATE INDEX IX_runs_StartMark ON runs (StartMark) WHERE StartMark IS NOT NULL;
        """);
}
