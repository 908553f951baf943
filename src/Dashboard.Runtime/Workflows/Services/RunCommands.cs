using Dashboard.Data;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Workflows.Running;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using static Dashboard.Runtime.Workflows.Services.RunQueries;

namespace Dashboard.Runtime.Workflows.Services;

/// <summary>
/// Operator actions on runs: cancel, and replay (one run or every run matching a filter, from the start or from
/// the failed step). A replay is a new run of the same event and workflow version, linked by <c>ReplayOf</c>;
/// each action is audited (audit entry plus activity with the initiator and reason).
/// </summary>
public sealed class RunCommands(
    SqliteConnectionFactory connections,
    RunCancellations cancellations,
    WorkflowDispatcher dispatcher,
    TimeProvider clock,
    IOptions<WorkflowOptions> options)
{
    public const int MaxReasonLength = 500;

    public async Task<CommandResult> CancelAsync(long runId, Actor actor, string? reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var run = (await ListAsync(connection, $"SELECT {RunColumns} FROM runs r LEFT JOIN workflow_definitions w ON w.Id = r.WorkflowId WHERE r.Id = $id;",
            [("$id", runId)], ReadRun, cancellationToken, transaction).ConfigureAwait(false)).FirstOrDefault();
        if (run is null)
        {
            return CommandResult.Fail(CommandStatus.NotFound, $"No run {runId}.");
        }

        if (RunStates.IsFinished(run.State))
        {
            return CommandResult.Fail(CommandStatus.Conflict, $"Run {runId} already finished ({run.State}).");
        }

        var detail = string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim()}";
        var queued = run.State == RunStates.Queued;
        var sql = queued
            ? "UPDATE runs SET State = 'Cancelled', CancelRequested = 1, FinishedAt = $now, NextAttemptAt = NULL, Error = $error, UpdatedAt = $now WHERE Id = $id AND State = 'Queued';"
            : "UPDATE runs SET CancelRequested = 1, UpdatedAt = $now WHERE Id = $id;";
        var changed = await ExecuteAsync(connection, transaction, sql, [("$id", runId), ("$now", now.ToUnixTimeMilliseconds()), ("$error", $"cancelled by {actor.Name}{detail}")], cancellationToken).ConfigureAwait(false);
        if (queued && changed == 0)
        {
            // Claimed in the meantime: ask the worker to stop it.
            await ExecuteAsync(connection, transaction, "UPDATE runs SET CancelRequested = 1, UpdatedAt = $now WHERE Id = $id;",
                [("$id", runId), ("$now", now.ToUnixTimeMilliseconds())], cancellationToken).ConfigureAwait(false);
            queued = false;
        }

        var message = queued ? $"run {runId} cancelled by {actor.Name}{detail}" : $"cancel of run {runId} requested by {actor.Name}{detail}";
        await AuditAsync(connection, transaction, now, actor, "run.cancel", $"run {runId}", reason, cancellationToken).ConfigureAwait(false);
        await ActivityAsync(connection, transaction, now, run.WorkflowId, queued ? ActivityKinds.RunCancelled : "run-cancel-requested", message, actor.Name, run.EventSeq, runId, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        cancellations.Cancel(runId);
        return CommandResult.Done(message, runId);
    }

    public async Task<CommandResult> ReplayAsync(long runId, ReplayOptions replay, Actor actor, string? reason, CancellationToken cancellationToken)
    {
        if (CheckReason(reason) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var run = (await ListAsync(connection, $"SELECT {RunColumns} FROM runs r LEFT JOIN workflow_definitions w ON w.Id = r.WorkflowId WHERE r.Id = $id;",
            [("$id", runId)], ReadRun, cancellationToken, transaction).ConfigureAwait(false)).FirstOrDefault();
        if (run is null)
        {
            return CommandResult.Fail(CommandStatus.NotFound, $"No run {runId}.");
        }

        if (Refusal(run, replay.FromFailedStep) is { } refused)
        {
            return CommandResult.Fail(CommandStatus.Conflict, refused);
        }

        if (!replay.Force && await ReplayGuard.EarlierReplayAsync(connection, transaction, runId, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return CommandResult.Fail(CommandStatus.Conflict,
                $"Run {runId} was already replayed as run {earlier.RunId} ({earlier.State}); replay that run instead, or force a second replay.");
        }

        var version = await ReplayGuard.TargetVersionAsync(connection, transaction, run, replay, cancellationToken).ConfigureAwait(false);
        if (version.Error is { } versionError)
        {
            return versionError;
        }

        var newId = await ReplayOneAsync(connection, transaction, run, replay.FromFailedStep, version.Version, actor, reason!.Trim(), now, cancellationToken).ConfigureAwait(false);
        await AuditAsync(connection, transaction, now, actor, "run.replay", $"run {runId}",
            $"new run {newId}, {Describe(replay, version.Version)}: {reason.Trim()}", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        dispatcher.Wake();
        return CommandResult.Done($"run {runId} replayed as run {newId} (version {version.Version})", newId);
    }

    public async Task<CommandResult> ReplayManyAsync(ReplayFilter filter, ReplayOptions replay, Actor actor, string? reason, CancellationToken cancellationToken)
    {
        var fromFailedStep = replay.FromFailedStep;
        if (CheckReason(reason) is { } invalid)
        {
            return invalid;
        }

        if (!RunStates.IsFinished(filter.State) || (fromFailedStep && filter.State == RunStates.Succeeded))
        {
            return CommandResult.Fail(CommandStatus.Invalid, fromFailedStep
                ? "Replay from the failed step needs state Failed, DeadLettered or Cancelled."
                : "Replay needs a finished state: Succeeded, Failed, DeadLettered or Cancelled.");
        }

        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var runs = await ListAsync(connection, $"""
            SELECT {RunColumns} FROM runs r LEFT JOIN workflow_definitions w ON w.Id = r.WorkflowId
            WHERE r.WorkflowId = $wf AND r.State = $state AND ($error IS NULL OR r.Error = $error)
              AND ($from IS NULL OR r.CreatedAt >= $from) AND ($to IS NULL OR r.CreatedAt < $to)
            ORDER BY r.Id LIMIT $limit;
            """,
            [("$wf", filter.WorkflowId), ("$state", filter.State), ("$error", filter.Error), ("$from", filter.From?.ToUnixTimeMilliseconds()),
             ("$to", filter.To?.ToUnixTimeMilliseconds()), ("$limit", options.Value.MaxBulkReplay)],
            ReadRun, cancellationToken, transaction).ConfigureAwait(false);
        var created = new List<long>(runs.Count);
        var skipped = 0;
        var version = 0;
        foreach (var run in runs)
        {
            if (!replay.Force && await ReplayGuard.EarlierReplayAsync(connection, transaction, run.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                skipped++;
                continue;
            }

            var target = await ReplayGuard.TargetVersionAsync(connection, transaction, run, replay, cancellationToken).ConfigureAwait(false);
            if (target.Error is { } versionError)
            {
                return versionError;
            }

            version = target.Version;
            created.Add(await ReplayOneAsync(connection, transaction, run, fromFailedStep, version, actor, reason!.Trim(), now, cancellationToken).ConfigureAwait(false));
        }

        var skippedText = skipped == 0 ? "" : $", {skipped} skipped (already replayed)";
        await AuditAsync(connection, transaction, now, actor, "run.replay-many", $"workflow {filter.WorkflowId}",
            $"{created.Count} {filter.State} run(s){(filter.Error is null ? "" : $" with error '{filter.Error}'")}{skippedText}, {Describe(replay, version)}: {reason!.Trim()}",
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        dispatcher.Wake();
        return CommandResult.Done($"{created.Count} run(s) replayed{skippedText}", [.. created]);
    }

    private static CommandResult? CheckReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? CommandResult.Fail(CommandStatus.Invalid, "A reason is required.")
        : reason.Length > MaxReasonLength ? CommandResult.Fail(CommandStatus.Invalid, $"The reason is longer than {MaxReasonLength} characters.")
        : null;

    private static string? Refusal(RunSummary run, bool fromFailedStep) =>
        !RunStates.IsFinished(run.State) ? $"Run {run.Id} is still {run.State}; cancel it first or wait for it to finish."
        : fromFailedStep && run.State == RunStates.Succeeded ? $"Run {run.Id} succeeded; it has no failed step to replay from."
        : null;

    private static string Describe(ReplayOptions replay, int version) =>
        $"{(replay.FromFailedStep ? "from the failed step" : "from the start")}, {(replay.Version == ReplayVersion.Current ? "current" : "original")} version {version}";

    private static async Task<long> ReplayOneAsync(SqliteConnection connection, SqliteTransaction transaction, RunSummary run, bool fromFailedStep,
        int version, Actor actor, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var newId = (long)(await ScalarAsync(connection, """
            INSERT INTO runs (WorkflowId, WorkflowVersion, EventSeq, State, CreatedAt, StepIndex, Attempt, Variables, Initiator, ReplayOf, Reason, UpdatedAt)
            SELECT WorkflowId, $version, EventSeq, 'Queued', $now, CASE WHEN $failed = 1 THEN StepIndex ELSE 0 END, 1,
                   CASE WHEN $failed = 1 THEN Variables ELSE NULL END, $initiator, Id, $reason, $now
            FROM runs WHERE Id = $id
            RETURNING Id;
            """, [("$id", run.Id), ("$now", now.ToUnixTimeMilliseconds()), ("$failed", fromFailedStep ? 1 : 0), ("$initiator", actor.Name), ("$reason", reason), ("$version", version)],
            cancellationToken, transaction).ConfigureAwait(false))!;
        if (fromFailedStep)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO step_results (RunId, StepIndex, StepName, StepType, Attempt, State, Input, Output, Error, Retryable, StartedAt, FinishedAt, DurationMs, IdempotencyKey)
                SELECT $new, StepIndex, StepName, StepType, Attempt, State, Input, Output, NULL, 0, StartedAt, FinishedAt, DurationMs, IdempotencyKey
                FROM step_results WHERE RunId = $old AND State IN ('Succeeded', 'Skipped') AND StepIndex < $index ORDER BY Id;
                """, [("$new", newId), ("$old", run.Id), ("$index", run.StepIndex)], cancellationToken).ConfigureAwait(false);
        }

        var from = fromFailedStep ? $"from step {run.StepIndex + 1}{(run.FailedStep is null ? "" : $" ('{run.FailedStep}')")}" : "from the start";
        await ActivityAsync(connection, transaction, now, run.WorkflowId, ActivityKinds.RunReplayed,
            $"run {run.Id} ({run.State}) replayed as run {newId} {from} on version {version} by {actor.Name}: {reason}", actor.Name, run.EventSeq, newId, cancellationToken).ConfigureAwait(false);
        return newId;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, IEnumerable<(string, object?)> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Task<int> ActivityAsync(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset at, long workflowId, string kind, string message,
        string actor, long eventSeq, long runId, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, """
            INSERT INTO activity (At, WorkflowId, Kind, Message, Actor, EventSeq, RunId) VALUES ($at, $wf, $kind, $message, $actor, $seq, $run);
            """, [("$at", at.ToUnixTimeMilliseconds()), ("$wf", workflowId), ("$kind", kind), ("$message", message), ("$actor", actor), ("$seq", eventSeq), ("$run", runId)],
            cancellationToken);

    private static Task<int> AuditAsync(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset at, Actor actor, string action, string target,
        string? details, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "INSERT INTO audit_entries (At, Actor, Action, Target, Details) VALUES ($at, $actor, $action, $target, $details);",
            [("$at", at.ToUnixTimeMilliseconds()), ("$actor", actor.Name), ("$action", action), ("$target", target), ("$details", details)], cancellationToken);

}
