using Microsoft.Data.Sqlite;
using static Dashboard.Runtime.Workflows.Services.RunQueries;

namespace Dashboard.Runtime.Workflows.Services;

/// <summary>The checks a replay makes inside its transaction: an earlier replay that makes this one a double, and the version to run.</summary>
internal static class ReplayGuard
{
    /// <summary>
    /// The newest replay of the run (or of one of its replays) that is queued, running, succeeded or dead-lettered: with one
    /// of those, replaying the run again would run its event twice (or skip the dead letter that replaced it).
    /// </summary>
    public static async Task<(long RunId, string State)?> EarlierReplayAsync(SqliteConnection connection, SqliteTransaction transaction, long runId,
        CancellationToken cancellationToken)
    {
        var found = await ListAsync(connection, """
            WITH RECURSIVE chain(Id) AS (
                SELECT x.Id FROM runs x WHERE x.ReplayOf = $id
                UNION ALL
                SELECT x.Id FROM chain c JOIN runs x ON x.ReplayOf = c.Id
            )
            SELECT r.Id, r.State FROM chain c JOIN runs r ON r.Id = c.Id
            WHERE r.State IN ('Queued', 'Running', 'Succeeded', 'DeadLettered') ORDER BY r.Id DESC LIMIT 1;
            """, [("$id", runId)], r => (r.GetInt64(0), r.GetString(1)), cancellationToken, transaction).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The version the replay runs, or why it cannot: the workflow is gone, or a failed-step replay would change version.</summary>
    public static async Task<(int Version, CommandResult? Error)> TargetVersionAsync(SqliteConnection connection, SqliteTransaction transaction, RunSummary run,
        ReplayOptions replay, CancellationToken cancellationToken)
    {
        if (replay.Version == ReplayVersion.Original)
        {
            return (run.WorkflowVersion, null);
        }

        if (await ScalarAsync(connection, "SELECT CurrentVersion FROM workflow_definitions WHERE Id = $wf;", [("$wf", run.WorkflowId)], cancellationToken, transaction)
                .ConfigureAwait(false) is not long current)
        {
            return (0, CommandResult.Fail(CommandStatus.Conflict, $"Workflow {run.WorkflowId} of run {run.Id} no longer exists; replay the original version."));
        }

        if (replay.FromFailedStep && current != run.WorkflowVersion)
        {
            return (0, CommandResult.Fail(CommandStatus.Invalid,
                $"Run {run.Id} ran version {run.WorkflowVersion} and the current version is {current}: a replay from the failed step keeps the original version's " +
                "earlier results, so replay from the start to run the current version."));
        }

        return ((int)current, null);
    }
}
