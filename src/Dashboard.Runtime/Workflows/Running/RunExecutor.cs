using System.Text.Json.Nodes;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Workflows.Expressions;
using Dashboard.Runtime.Workflows.Steps;
using Dashboard.Runtime.Workflows.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Workflows.Running;

/// <summary>
/// Executes one claimed run from the step it stands at until it finishes, fails, or waits (retry backoff or a
/// delay). Outputs of steps completed before are reloaded, never re-executed. Every step's result and the run's
/// new position commit together, so after a crash the run resumes at the first step without a stored result.
/// </summary>
public sealed partial class RunExecutor(
    IRunStorage store,
    IEnumerable<IStepHandler> handlers,
    RunCancellations cancellations,
    Ingestion.DefinitionCatalog catalog,
    TimeProvider clock,
    IOptions<WorkflowOptions> options,
    ILogger<RunExecutor> logger)
{
    private readonly Dictionary<string, IStepHandler> _handlers = handlers.ToDictionary(h => h.Type, StringComparer.Ordinal);

    /// <summary>Loads and executes a run; true when it went back to the queue (see the other overload).</summary>
    public async Task<bool> ExecuteAsync(long runId, CancellationToken stoppingToken)
    {
        using var cancel = cancellations.Register(runId);
        var run = await store.LoadAsync(runId, stoppingToken).ConfigureAwait(false);
        return run is not null && await ExecuteAsync(run, cancel, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Executes a run the dispatcher already loaded, waiting for each of its writes to commit (see the overload with a <see cref="RunEnd"/>).</summary>
    public Task<bool> ExecuteAsync(RunRecord run, RunCancellations.Registration cancel, CancellationToken stoppingToken) =>
        ExecuteAsync(run, cancel, stoppingToken, null);

    /// <summary>
    /// Executes a run the dispatcher already loaded. <paramref name="cancel"/> was registered before the run was
    /// loaded, so a cancel request committed after the load still stops it. Returns true when the run went back to the
    /// queue (a retry or a delay waits), so the dispatcher knows to claim again. With <paramref name="end"/>, the write that
    /// ends the execution is handed to the store without waiting for its commit (<see cref="RunEnd"/>).
    /// </summary>
    internal async Task<bool> ExecuteAsync(RunRecord run, RunCancellations.Registration cancel, CancellationToken stoppingToken, RunEnd? end)
    {
        using var activity = Telemetry.RuntimeTracing.StartRun(run);
        var sync = await SyncDefinitionAsync(run, stoppingToken).ConfigureAwait(false);
        var state = new RunProgress(run, store, clock, sync, end);
        if (run.CancelRequested)
        {
            await state.FinishAsync(RunStates.Cancelled, "cancelled before it ran", null, stoppingToken).ConfigureAwait(false);
            return false;
        }

        if (run.StepsJson is null || run.Event is null)
        {
            var missing = run.StepsJson is null ? $"workflow version {run.WorkflowVersion} no longer exists" : $"event {run.EventSeq} no longer exists";
            await state.FinishAsync(RunStates.Failed, missing, null, stoppingToken).ConfigureAwait(false);
            return false;
        }

        var steps = WorkflowStep.Deserialize(run.StepsJson);
        if (run.StartedAt is null)
        {
            if (run.StepIndex < steps.Count && RunsInProcess(steps[run.StepIndex]))
            {
                state.DeferStart();
            }
            else
            {
                await state.StartAsync(stoppingToken).ConfigureAwait(false);
            }
        }

        var scope = await LoadScopeAsync(run, stoppingToken).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.RunTimeoutSeconds), clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token, cancel.Token);
        var index = run.StepIndex;
        var attempt = run.Attempt;
        while (index < steps.Count)
        {
            if (cancel.Token.IsCancellationRequested)
            {
                await state.FinishAsync(RunStates.Cancelled, "cancelled", null, stoppingToken).ConfigureAwait(false);
                return false;
            }

            var context = new StepContext
            {
                RunId = run.Id, WorkflowId = run.WorkflowId, WorkflowName = run.WorkflowName, WorkflowVersion = run.WorkflowVersion,
                Steps = steps, Index = index, Attempt = attempt, Scope = scope,
            };
            var started = clock.GetUtcNow();
            using var stepActivity = Telemetry.RuntimeTracing.StartStep(context);
            StepOutcome outcome;
            try
            {
                outcome = _handlers.TryGetValue(context.Step.Type, out var handler)
                    ? await handler.ExecuteAsync(context, linked.Token).ConfigureAwait(false)
                    : StepOutcome.Fail(null, $"unknown step type '{context.Step.Type}'");
            }
            catch (TemplateFieldException ex)
            {
                outcome = StepOutcome.Fail(null, $"step '{context.Step.Name}' {ex.Message}");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: the run stays Running and is resumed at this step on the next start.
                return false;
            }
            catch (OperationCanceledException) when (cancel.Token.IsCancellationRequested)
            {
                await state.StepAsync(context, started, StepOutcome.Fail(null, "cancelled"), stoppingToken).ConfigureAwait(false);
                await state.FinishAsync(RunStates.Cancelled, "cancelled while running", context.Step.Name, stoppingToken).ConfigureAwait(false);
                return false;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                outcome = StepOutcome.Fail(null, $"the run timed out after {options.Value.RunTimeoutSeconds} s");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStepCrashed(logger, ex, run.Id, context.Step.Name);
                outcome = StepOutcome.Retry(null, $"{ex.GetType().Name}: {ex.Message}");
            }

            if (timeout.IsCancellationRequested && outcome.Kind == StepOutcomeKind.Retryable)
            {
                outcome = StepOutcome.Fail(outcome.Input, $"the run timed out after {options.Value.RunTimeoutSeconds} s ({outcome.Error})", outcome.Output);
            }

            Telemetry.RuntimeTracing.StepFinished(stepActivity, context, outcome, clock.GetUtcNow() - started);
            var next = await state.AfterStepAsync(context, started, outcome, stoppingToken).ConfigureAwait(false);
            if (next is null)
            {
                return state.Requeued;
            }

            index = next.Value;
            attempt = 1;
        }

        await state.FinishAsync(RunStates.Succeeded, null, null, stoppingToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>The sync definition whose caller waits for this run's response, or null for an async event.</summary>
    private async Task<Ingestion.DefinitionCatalog.Definition?> SyncDefinitionAsync(RunRecord run, CancellationToken cancellationToken) =>
        run.DefinitionId is { } id && (await catalog.GetAsync(cancellationToken).ConfigureAwait(false)).ById(id) is { IsSync: true } definition
            ? definition
            : null;

    private async Task<ExpressionScope> LoadScopeAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var variables = run.Variables is { Length: > 0 } json && JsonNode.Parse(json) is JsonObject stored ? stored : new JsonObject();
        var completed = new JsonObject();
        // Outputs exist only for steps before the run's position; a run at its first step has none to reload.
        var done = run.StepIndex > 0 ? await store.CompletedStepsAsync(run.Id, cancellationToken).ConfigureAwait(false) : [];
        foreach (var step in done)
        {
            completed[step.Name] = new JsonObject { ["output"] = step.Output is null ? null : JsonNode.Parse(step.Output) };
        }

        return new ExpressionScope(run.Event, variables, completed, clock);
    }

    /// <summary>
    /// Steps that finish in-process without waiting on anything outside: the run's start can commit together with
    /// such a step's result (one commit instead of two). Before an HTTP call or a publish the start commits first,
    /// so the run shows as started while it waits.
    /// </summary>
    private static bool RunsInProcess(WorkflowStep step) => step.Type is not ("http" or "publish");

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} step {Step} threw")]
    private static partial void LogStepCrashed(ILogger logger, Exception exception, long runId, string step);
}
