namespace Dashboard.Runtime.Workflows.Services;

/// <summary>
/// SQL over replay chains: a replay is a run with <c>ReplayOf</c> set, and a replay can be replayed again, so a run's
/// replays are all its descendants. Lookups go through the partial <c>(ReplayOf)</c> index.
/// </summary>
internal static class ReplayChains
{
    /// <summary>
    /// CTE <c>fate(Root, LatestId, Succeeded, Pending, DeadLettered, Count)</c> for the dead-lettered runs (of workflow
    /// <c>$wf</c>, or all): over every replay descendant, the newest one and whether any succeeded, is queued or running,
    /// or was dead-lettered again.
    /// </summary>
    public const string DeadLetterFate = """
        WITH RECURSIVE chain(Root, Id, State) AS (
            SELECT d.Id, x.Id, x.State FROM runs d JOIN runs x ON x.ReplayOf = d.Id
            WHERE d.State = 'DeadLettered' AND ($wf IS NULL OR d.WorkflowId = $wf)
            UNION ALL
            SELECT c.Root, x.Id, x.State FROM chain c JOIN runs x ON x.ReplayOf = c.Id
        ),
        fate AS (
            SELECT Root, MAX(Id) AS LatestId, MAX(State = 'Succeeded') AS Succeeded, MAX(State IN ('Queued', 'Running')) AS Pending,
                   MAX(State = 'DeadLettered') AS DeadLettered, COUNT(*) AS Count
            FROM chain GROUP BY Root
        )
        """;

    /// <summary>A dead letter is open while no replay of it succeeded, is pending, or was dead-lettered in its turn.</summary>
    public const string IsOpen = "(f.Root IS NULL OR (f.Succeeded = 0 AND f.Pending = 0 AND f.DeadLettered = 0))";

    /// <summary>Every replay descendant of run <c>$id</c>, oldest first.</summary>
    public const string ReplaysOf = """
        WITH RECURSIVE chain(Id) AS (
            SELECT x.Id FROM runs x WHERE x.ReplayOf = $id
            UNION ALL
            SELECT x.Id FROM chain c JOIN runs x ON x.ReplayOf = c.Id
        )
        SELECT r.Id, r.ReplayOf, r.State, r.WorkflowVersion, r.CreatedAt, r.FinishedAt, r.Initiator, r.Reason
        FROM chain c JOIN runs r ON r.Id = c.Id ORDER BY r.Id LIMIT 100;
        """;

    public static DeadLetterStatus Status(bool succeeded, bool pending, bool deadLettered) =>
        succeeded ? DeadLetterStatus.Resolved
        : pending ? DeadLetterStatus.Replaying
        : deadLettered ? DeadLetterStatus.ReplayDeadLettered
        : DeadLetterStatus.Open;
}
