namespace Dashboard.Data.Migrations;

/// <summary>
/// A run's first finish is read from its own row instead of a <c>run-succeeded</c> / <c>run-failed</c> /
/// <c>run-dead-lettered</c> / <c>run-cancelled</c> activity row. <c>FinishMark</c> places it in the activity log as
/// <c>StartMark</c> (M017) places a start: the largest activity Id, taken after the finishing write's own activity rows,
/// plus one half. The kind, time and error are the row's <c>State</c>, <c>FinishedAt</c> and <c>Error</c>; should a later
/// write change the run again (a second executor of the same run), those are first kept in <c>FirstState</c>,
/// <c>FirstFinishedAt</c> and <c>FirstError</c>, and that later finish writes an activity row. Runs finished before this
/// migration keep their activity rows and have no mark, so no finish is shown twice.
/// </summary>
internal static class M021_RunFinishMark
{
    public static Migration Migration { get; } = new(21, "run finish mark", """
        ALTER TABLE runs ADD COLUMN FinishMark REAL NULL;
        ALTER TABLE runs ADD COLUMN FirstState TEXT NULL;
        ALTER TABLE runs ADD COLUMN FirstFinishedAt INTEGER NULL;
        ALTER TABLE runs ADD COLUMN FirstError TEXT NULL;
        CREATE INDEX IX_runs_FinishMark ON runs (FinishMark) WHERE FinishMark IS NOT NULL;
        """);
}
