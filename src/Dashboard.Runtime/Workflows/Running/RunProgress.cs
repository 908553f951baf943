using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Streaming;
using Dashboard.Runtime.Workflows.Steps;
using Dashboard.Runtime.Workflows.Store;

namespace Dashboard.Runtime.Workflows.Running;

/// <summary>Turns step outcomes into the writes that move a run on: step result, position, state and activity.</summary>
/// <remarks>With a <see cref="RunEnd"/>, the write that ends this execution (the run's end, or its return to the queue) is handed to
/// the store without waiting for its commit.</remarks>
internal sealed class RunProgress(RunRecord run, IRunStorage writer, TimeProvider clock, Ingestion.DefinitionCatalog.Definition? sync = null,
    RunEnd? end = null)
{
    /// <summary>The status stored for a failed sync run (the caller's answer); null for an async run.</summary>
    private int? FailureStatus(StepOutcome? outcome = null) => sync is null ? null : outcome?.ResponseStatus ?? SyncResponse.DefaultFailureStatus;

    private string Actor => run.Initiator ?? $"event {run.Event?["id"]?.GetValue<string>() ?? run.EventSeq.ToString(CultureInfo.InvariantCulture)}";

    private DateTimeOffset? _deferredStart;

    /// <summary>True once the run was put back in the queue (a retry after backoff, or a delay).</summary>
    public bool Requeued { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken) => writer.WriteAsync(StartStatements(clock.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Holds the start back and commits it with the run's next write. If the process stops before that write, the run
    /// is still Running and not started, and is resumed from the same step on restart.
    /// </summary>
    public void DeferStart() => _deferredStart = clock.GetUtcNow();

    public Task FinishAsync(string state, string? error, string? failedStep, CancellationToken cancellationToken) =>
        WriteAsync(FinishStatements(clock.GetUtcNow(), state, error, failedStep, responseStatus: state == RunStates.Succeeded ? null : FailureStatus()),
            cancellationToken, last: true);

    public Task StepAsync(StepContext context, DateTimeOffset started, StepOutcome outcome, CancellationToken cancellationToken) =>
        WriteAsync([Result(context, started, clock.GetUtcNow(), outcome, StepStates.Failed)], cancellationToken);

    /// <summary>
    /// The start is read from the run row (<c>StartedAt</c>, <c>StartMark</c>, <c>StartStep</c>; M017), so it writes no
    /// activity row; the live feed still gets the activity entry.
    /// </summary>
    private List<SqlStatement> StartStatements(DateTimeOffset now) =>
    [
        RunStatements.Started(run.Id, now, run.ExecutedBy) with
        {
            Notice = LiveItem.ForRun(now, run.Id, run.WorkflowId, RunStates.Running, run.EventSeq),
            DerivedActivity = StartedNotice(now),
        },
    ];

    private LiveItem StartedNotice(DateTimeOffset now)
    {
        var message = run.StepIndex > 0
            ? $"run {run.Id} started (version {run.WorkflowVersion}) at step {run.StepIndex + 1}"
            : $"run {run.Id} started (version {run.WorkflowVersion})";
        return LiveItem.ForActivity(now, run.WorkflowId, ActivityKinds.RunStarted, message, run.Id, run.EventSeq, Actor);
    }

    /// <summary>
    /// Writes the statements, preceded by a deferred start. When <paramref name="foldedAt"/> is set, the run's update at
    /// that index already records the start, so it only carries the start's live entry. The <paramref name="last"/> write of
    /// this execution is handed off through the <see cref="RunEnd"/>, when there is one.
    /// </summary>
    private Task WriteAsync(List<SqlStatement> statements, CancellationToken cancellationToken, int? foldedAt = null, bool last = false)
    {
        if (_deferredStart is { } start)
        {
            _deferredStart = null;
            if (foldedAt is { } index)
            {
                statements[index] = statements[index] with { DerivedActivity = StartedNotice(start) };
            }
            else
            {
                statements.InsertRange(0, StartStatements(start));
            }
        }

        return last && end is not null
            ? writer.WriteLastAsync(statements, end.HandOff(Requeued), cancellationToken)
            : writer.WriteAsync(statements, cancellationToken);
    }

    /// <summary>Stores the outcome; returns the next step index, or null when the run finished or now waits.</summary>
    public async Task<int?> AfterStepAsync(StepContext context, DateTimeOffset started, StepOutcome outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var step = context.Step;
        var statements = new List<SqlStatement>();
        var variables = context.Scope.Variables.ToJsonString();
        int? next = null;
        int? foldedAt = null;
        switch (outcome.Kind)
        {
            case StepOutcomeKind.Continue or StepOutcomeKind.GoTo or StepOutcomeKind.End or StepOutcomeKind.Delay:
                context.Scope.Steps[step.Name] = new JsonObject { ["output"] = outcome.Output?.DeepClone() };
                statements.Add(Result(context, started, now, outcome, StepStates.Succeeded));
                var target = outcome.Kind switch
                {
                    StepOutcomeKind.End => context.Steps.Count,
                    StepOutcomeKind.GoTo => IndexOf(context, outcome.Target!),
                    _ => context.Index + 1,
                };
                for (var skipped = context.Index + 1; skipped < target && outcome.Kind == StepOutcomeKind.GoTo; skipped++)
                {
                    var s = context.Steps[skipped];
                    statements.Add(RunStatements.StepResult(run.Id, skipped, s.Name, s.Type, 1, StepStates.Skipped, null, null,
                        $"skipped by condition '{step.Name}'", false, now, now, null));
                }

                var response = target >= context.Steps.Count && sync is not null ? SyncResponse.Of(sync, step.Type, outcome) : (SyncResponse?)null;
                if (response is { Error: { } broken })
                {
                    // The step did its work, but the run's answer breaks the definition's response schema: the run fails.
                    statements.Add(Activity(now, ActivityKinds.StepFailed, $"run {run.Id} step '{step.Name}': {broken}"));
                    statements.AddRange(FinishStatements(now, RunStates.Failed, broken, step.Name, responseStatus: response.Value.Status));
                }
                else if (target >= context.Steps.Count)
                {
                    // The last step's result, the run's final position and its end commit together in one update,
                    // which also records a start that was deferred to this write.
                    var startFolded = _deferredStart is not null;
                    foldedAt = startFolded ? statements.Count : null;
                    var completed = RunStatements.Completed(run.Id, target, variables, now, _deferredStart, startFolded ? run.ExecutedBy : null,
                        response?.Status, response?.Body);
                    statements.AddRange(FinishStatements(now, RunStates.Succeeded, null, null, completed));
                }
                else if (outcome.Kind == StepOutcomeKind.Delay)
                {
                    statements.Add(RunStatements.Progress(run.Id, target, 1, variables, RunStates.Queued, outcome.ResumeAt, now));
                    Requeued = true;
                }
                else
                {
                    statements.Add(RunStatements.Progress(run.Id, target, 1, variables, RunStates.Running, null, now));
                    next = target;
                }

                break;
            case StepOutcomeKind.Retryable when context.Attempt < RetryPolicy.For(step.Type, step.Settings).MaxAttempts:
                var policy = RetryPolicy.For(step.Type, step.Settings);
                var at = now + policy.Backoff(context.Attempt, Random.Shared.NextDouble());
                Telemetry.RuntimeMetrics.StepRetried(step.Type);
                statements.Add(Result(context, started, now, outcome, StepStates.Failed));
                statements.Add(RunStatements.Progress(run.Id, context.Index, context.Attempt + 1, variables, RunStates.Queued, at, now));
                Requeued = true;
                statements.Add(Activity(now, ActivityKinds.StepRetry,
                    $"run {run.Id} step '{step.Name}' attempt {context.Attempt}/{policy.MaxAttempts} failed: {outcome.Error}; retrying at {at:O}"));
                break;
            case StepOutcomeKind.Retryable:
                statements.Add(Result(context, started, now, outcome, StepStates.Failed));
                statements.Add(Activity(now, ActivityKinds.StepFailed, $"run {run.Id} step '{step.Name}' failed after {context.Attempt} attempt(s): {outcome.Error}"));
                statements.AddRange(FinishStatements(now, RunStates.DeadLettered, outcome.Error, step.Name, responseStatus: FailureStatus(outcome)));
                break;
            default:
                statements.Add(Result(context, started, now, outcome, StepStates.Failed));
                statements.Add(Activity(now, ActivityKinds.StepFailed, $"run {run.Id} step '{step.Name}' failed: {outcome.Error}"));
                statements.AddRange(FinishStatements(now, RunStates.Failed, outcome.Error, step.Name, responseStatus: FailureStatus(outcome)));
                break;
        }

        await WriteAsync(statements, cancellationToken, foldedAt, last: next is null).ConfigureAwait(false);
        return next;
    }

    private static int IndexOf(StepContext context, string name)
    {
        for (var i = context.Index + 1; i < context.Steps.Count; i++)
        {
            if (context.Steps[i].Name == name)
            {
                return i;
            }
        }

        return context.Steps.Count;
    }

    /// <summary>
    /// The run's end: its update (the first end is read from the run row, M021) and its activity entry, a row only when
    /// the run already ended once. The live feed gets the entry either way.
    /// </summary>
    private List<SqlStatement> FinishStatements(DateTimeOffset now, string state, string? error, string? failedStep, SqlStatement? update = null,
        int? responseStatus = null)
    {
        var (kind, verb) = state switch
        {
            RunStates.Succeeded => (ActivityKinds.RunSucceeded, "succeeded"),
            RunStates.DeadLettered => (ActivityKinds.RunDeadLettered, "dead-lettered"),
            RunStates.Cancelled => (ActivityKinds.RunCancelled, "cancelled"),
            _ => (ActivityKinds.RunFailed, "failed"),
        };
        var message = error is null ? $"run {run.Id} {verb}" : $"run {run.Id} {verb}: {error}";
        var finish = (update ?? RunStatements.Finish(run.Id, state, error, failedStep, now, responseStatus)) with
        {
            Notice = LiveItem.ForRun(now, run.Id, run.WorkflowId, state, run.EventSeq, error),
        };
        return [finish, RunStatements.FinishActivity(now, run.WorkflowId, kind, message, Actor, run.EventSeq, run.Id)];
    }

    private SqlStatement Result(StepContext context, DateTimeOffset started, DateTimeOffset finished, StepOutcome outcome, string state) =>
        RunStatements.StepResult(run.Id, context.Index, context.Step.Name, context.Step.Type, context.Attempt, state,
            outcome.Input?.ToJsonString(), outcome.Output?.ToJsonString(), outcome.Error, outcome.Kind == StepOutcomeKind.Retryable,
            started, finished, context.Step.Type is "http" or "publish" ? context.IdempotencyKey : null);

    private SqlStatement Activity(DateTimeOffset at, string kind, string message) =>
        RunStatements.Activity(at, run.WorkflowId, kind, message, Actor, run.EventSeq, run.Id);
}
