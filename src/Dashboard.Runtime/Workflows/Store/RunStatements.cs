using System.Globalization;
using System.Text;
using Dashboard.Data.Events;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Streaming;
namespace Dashboard.Runtime.Workflows.Store;

/// <summary>
/// The statements the runner writes through <see cref="RunWriter"/>. Times are Unix milliseconds. Each carries its
/// <see cref="RunChange"/> so a worker instance can send it to the owner as data.
/// </summary>
public static class RunStatements
{
    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static SqlStatement StepResult(long runId, int index, string name, string type, int attempt, string state, string? input, string? output,
        string? error, bool retryable, DateTimeOffset startedAt, DateTimeOffset finishedAt, string? idempotencyKey) => SqlStatement.Of("""
        INSERT INTO step_results (RunId, StepIndex, StepName, StepType, Attempt, State, Input, Output, Error, Retryable, StartedAt, FinishedAt, DurationMs, IdempotencyKey)
        VALUES ($run, $index, $name, $type, $attempt, $state, $input, $output, $error, $retryable, $started, $finished, $duration, $key);
        """,
        ("$run", runId), ("$index", index), ("$name", name), ("$type", type), ("$attempt", attempt), ("$state", state), ("$input", input),
        ("$output", output), ("$error", error), ("$retryable", retryable ? 1 : 0), ("$started", Ms(startedAt)), ("$finished", Ms(finishedAt)),
        ("$duration", Math.Max(0, Ms(finishedAt) - Ms(startedAt))), ("$key", idempotencyKey)) with
    {
        Change = new StepResultChange(runId, index, name, type, attempt, state, input, output, error, retryable, startedAt, finishedAt, idempotencyKey),
    };

    /// <summary>Where the run continues: the next step, its attempt, the variables so far, and when (null = now).</summary>
    public static SqlStatement Progress(long runId, int stepIndex, int attempt, string variables, string state, DateTimeOffset? nextAttemptAt, DateTimeOffset now) => SqlStatement.Of($"""
        UPDATE runs SET {KeepFirstFinish}
                        StepIndex = $index, Attempt = $attempt, Variables = $vars, State = $state, NextAttemptAt = $next, UpdatedAt = $now WHERE Id = $id;
        """,
        ("$id", runId), ("$index", stepIndex), ("$attempt", attempt), ("$vars", variables), ("$state", state),
        ("$next", nextAttemptAt is { } next ? Ms(next) : null), ("$now", Ms(now))) with
    {
        Change = new ProgressChange(runId, stepIndex, attempt, variables, state, nextAttemptAt, now),
    };

    /// <summary>
    /// The run ended. The first end also sets <c>FinishMark</c>, from which readers show it in the activity log (M021);
    /// pair it with <see cref="FinishActivity"/>, which writes the row only for a later end.
    /// </summary>
    public static SqlStatement Finish(long runId, string state, string? error, string? failedStep, DateTimeOffset now,
        int? responseStatus = null, string? response = null) => SqlStatement.Of($"""
        UPDATE runs SET {FirstEnd}
                        State = $state, Error = $error, FailedStep = $step, FinishedAt = $now, NextAttemptAt = NULL, UpdatedAt = $now,
                        ResponseStatus = $rstatus, Response = $response WHERE Id = $id;
        """,
        ("$id", runId), ("$state", state), ("$error", error), ("$step", failedStep), ("$now", Ms(now)),
        ("$rstatus", responseStatus), ("$response", response)) with
    {
        Change = new FinishChange(runId, state, error, failedStep, now, responseStatus, response),
    };

    /// <summary>
    /// A run that succeeded with its last step: <see cref="Progress"/> and <see cref="Finish"/> in one update. A run that
    /// started in the same write passes <paramref name="startedAt"/> (and the instance running it), which saves the
    /// separate <see cref="Started"/> update. Like <see cref="Finish"/>, the first end sets <c>FinishMark</c>.
    /// </summary>
    public static SqlStatement Completed(long runId, int stepIndex, string variables, DateTimeOffset now,
        DateTimeOffset? startedAt = null, string? executedBy = null, int? responseStatus = null, string? response = null) => SqlStatement.Of($"""
        UPDATE runs SET {FirstEnd}
                        StepIndex = $index, Attempt = 1, Variables = $vars, State = 'Succeeded', Error = NULL, FailedStep = NULL,
                        FinishedAt = $now, NextAttemptAt = NULL, UpdatedAt = $now,
                        StartMark = CASE WHEN StartedAt IS NULL AND $started IS NOT NULL THEN {StartMark} ELSE StartMark END,
                        StartStep = CASE WHEN StartedAt IS NULL AND $started IS NOT NULL THEN StepIndex ELSE StartStep END,
                        StartedAt = COALESCE(StartedAt, $started), ExecutedBy = COALESCE($by, ExecutedBy),
                        ResponseStatus = $rstatus, Response = $response WHERE Id = $id;
        """,
        ("$id", runId), ("$index", stepIndex), ("$vars", variables), ("$now", Ms(now)),
        ("$started", startedAt is { } started ? Ms(started) : null), ("$by", executedBy), ("$rstatus", responseStatus), ("$response", response)) with
    {
        Change = new CompletedChange(runId, stepIndex, variables, now, startedAt, executedBy, responseStatus, response),
    };

    /// <summary>
    /// The run's place in the activity log when it first starts (M017): after the newest activity row committed so far.
    /// The run writer inserts a write's activity rows after its run updates, so a run's own rows sort after its start.
    /// </summary>
    private const string StartMark = "(SELECT IFNULL(MAX(Id), 0) FROM activity) + 0.5";

    /// <summary>
    /// The run's place in the activity log when it first ends (M021), the same as a start's: after the newest activity
    /// row, which includes the finishing write's own rows (the run writer runs an end's update after them). Between the
    /// same two rows, readers put a run's end before its start (newest first).
    /// </summary>
    private const string FinishMark = StartMark;

    /// <summary>
    /// Before a write changes a run that already ended once (a second executor of the same run), its first end is kept
    /// as it was, so the activity entry derived from it does not change (M021).
    /// </summary>
    private const string KeepFirstFinish = """
        FirstState = CASE WHEN FinishMark IS NOT NULL AND FirstState IS NULL THEN State ELSE FirstState END,
                        FirstFinishedAt = CASE WHEN FinishMark IS NOT NULL AND FirstState IS NULL THEN FinishedAt ELSE FirstFinishedAt END,
                        FirstError = CASE WHEN FinishMark IS NOT NULL AND FirstState IS NULL THEN Error ELSE FirstError END,
        """;

    /// <summary>What every end sets before its own columns: the first end is kept, and only the first sets the mark.</summary>
    private const string FirstEnd = KeepFirstFinish + " FinishMark = COALESCE(FinishMark, " + FinishMark + "),";

    /// <summary>
    /// The run started; <paramref name="executedBy"/> names the instance running it (kept when null). The first start
    /// also sets <c>StartMark</c> and <c>StartStep</c>, from which readers show the run's start in the activity log.
    /// </summary>
    public static SqlStatement Started(long runId, DateTimeOffset now, string? executedBy = null) => SqlStatement.Of(
        $"UPDATE runs SET StartMark = CASE WHEN StartedAt IS NULL THEN {StartMark} ELSE StartMark END, " +
        "StartStep = CASE WHEN StartedAt IS NULL THEN StepIndex ELSE StartStep END, StartedAt = COALESCE(StartedAt, $now), " +
        "UpdatedAt = $now, ExecutedBy = COALESCE($by, ExecutedBy) WHERE Id = $id;",
        ("$id", runId), ("$now", Ms(now)), ("$by", executedBy)) with
    {
        Change = new StartedChange(runId, now, executedBy),
    };

    /// <summary>A run whose execution crashed goes back to the queue, due at <paramref name="nextAttemptAt"/>.</summary>
    public static SqlStatement Requeue(long runId, DateTimeOffset nextAttemptAt, DateTimeOffset now) => SqlStatement.Of(
        "UPDATE runs SET State = 'Queued', NextAttemptAt = $next, UpdatedAt = $now WHERE Id = $id AND State = 'Running';",
        ("$id", runId), ("$next", Ms(nextAttemptAt)), ("$now", Ms(now))) with
    {
        Change = new RequeueChange(runId, nextAttemptAt, now),
    };

    /// <summary>
    /// Several activity rows as one multi-row insert (ids in list order), so a write's rows cost the writer one
    /// statement. The SQL text depends only on the count, so the writer reuses one prepared command per count.
    /// </summary>
    public static StoreStatement Activities(IReadOnlyList<ActivityChange> rows)
    {
        var sql = new StringBuilder("INSERT INTO activity (At, WorkflowId, Kind, Message, Actor, EventSeq, RunId) VALUES ");
        var parameters = new List<KeyValuePair<string, object?>>(rows.Count * 7);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"($at{i}, $wf{i}, $kind{i}, $message{i}, $actor{i}, $seq{i}, $run{i})");
            parameters.Add(new($"$at{i}", Ms(row.At)));
            parameters.Add(new($"$wf{i}", row.WorkflowId));
            parameters.Add(new($"$kind{i}", row.Kind));
            parameters.Add(new($"$message{i}", row.Message));
            parameters.Add(new($"$actor{i}", row.Actor));
            parameters.Add(new($"$seq{i}", row.EventSeq));
            parameters.Add(new($"$run{i}", row.RunId));
        }

        return new StoreStatement(sql.Append(';').ToString(), parameters);
    }

    /// <summary>
    /// A run's end as an activity row, written only when the run already ended once (its first end is read from the run
    /// row, M021). It runs before the end's <see cref="Finish"/> or <see cref="Completed"/> update, which sets the mark.
    /// </summary>
    public static SqlStatement FinishActivity(DateTimeOffset at, long workflowId, string kind, string message, string? actor, long eventSeq, long runId) => SqlStatement.Of("""
        INSERT INTO activity (At, WorkflowId, Kind, Message, Actor, EventSeq, RunId)
        SELECT $at, $wf, $kind, $message, $actor, $seq, $run WHERE EXISTS (SELECT 1 FROM runs WHERE Id = $run AND FinishMark IS NOT NULL);
        """,
        ("$at", Ms(at)), ("$wf", workflowId), ("$kind", kind), ("$message", message), ("$actor", actor), ("$seq", eventSeq), ("$run", runId)) with
    {
        Notice = LiveItem.ForActivity(at, workflowId, kind, message, runId, eventSeq, actor),
        Change = new FinishActivityChange(at, workflowId, kind, message, actor, eventSeq, runId),
    };

    public static SqlStatement Activity(DateTimeOffset at, long? workflowId, string kind, string message, string? actor, long? eventSeq, long? runId) => SqlStatement.Of("""
        INSERT INTO activity (At, WorkflowId, Kind, Message, Actor, EventSeq, RunId) VALUES ($at, $wf, $kind, $message, $actor, $seq, $run);
        """,
        ("$at", Ms(at)), ("$wf", workflowId), ("$kind", kind), ("$message", message), ("$actor", actor), ("$seq", eventSeq), ("$run", runId)) with
    {
        Notice = LiveItem.ForActivity(at, workflowId, kind, message, runId, eventSeq, actor),
        Change = new ActivityChange(at, workflowId, kind, message, actor, eventSeq, runId),
    };
}
