using System.Diagnostics;
using System.Text.Json;
using Dashboard.Runtime.Workflows.Steps;
using Dashboard.Runtime.Contracts;

namespace Dashboard.Runtime.Telemetry;

/// <summary>
/// The runtime's spans (activity source <c>Dashboard.Runtime</c>): ingest → store commit → run → each step. The
/// CloudEvents distributed-tracing extension carries the context from ingestion to the run: an event that arrives
/// with <c>traceparent</c> keeps it (its run joins the producer's trace); one without gets the ingest span's, so its
/// run joins the request's trace. Published events are ingested inside their step's span and so carry the step's.
/// </summary>
public static class RuntimeTracing
{
    public const string SourceName = "Dashboard.Runtime";
    private const string TraceParent = "traceparent";
    private const string TraceState = "tracestate";

    public static ActivitySource Source { get; } = new(SourceName);

    public static Activity? StartIngest(string? route) =>
        Source.StartActivity("ingest", ActivityKind.Internal)?.SetTag("dashboard.route", route);

    public static Activity? StartCommit(int events) =>
        Source.StartActivity("store.commit", ActivityKind.Internal)?.SetTag("dashboard.events", events);

    /// <summary>
    /// The event's extensions as stored (JSON, or null when none), with <c>traceparent</c> set to the ingest span when
    /// tracing is on and the event brought none.
    /// </summary>
    public static string? ExtensionsJson(IReadOnlyDictionary<string, object> extensions)
    {
        var current = Activity.Current;
        if (current is null || current.Source != Source || extensions.ContainsKey(TraceParent))
        {
            return extensions.Count == 0 ? null : JsonSerializer.Serialize(extensions);
        }

        var withTrace = new Dictionary<string, object>(extensions) { [TraceParent] = current.Id! };
        if (!string.IsNullOrEmpty(current.TraceStateString))
        {
            withTrace[TraceState] = current.TraceStateString;
        }

        return JsonSerializer.Serialize(withTrace);
    }

    /// <summary>A run's span, child of its event's <c>traceparent</c> when it has one, otherwise a new trace.</summary>
    public static Activity? StartRun(RunRecord run)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity.Current = null;
        var traceParent = run.Event?[TraceParent]?.GetValueKind() == JsonValueKind.String ? run.Event[TraceParent]!.GetValue<string>() : null;
        var traceState = run.Event?[TraceState]?.GetValueKind() == JsonValueKind.String ? run.Event[TraceState]!.GetValue<string>() : null;
        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent);
        return Source.StartActivity("run " + run.WorkflowName, ActivityKind.Consumer, parent)
            ?.SetTag("dashboard.run.id", run.Id)
            ?.SetTag("dashboard.workflow.id", run.WorkflowId)
            ?.SetTag("dashboard.event.seq", run.EventSeq);
    }

    public static Activity? StartStep(StepContext context) =>
        Source.StartActivity("step " + context.Step.Name, ActivityKind.Internal)
            ?.SetTag("dashboard.step.type", context.Step.Type)
            ?.SetTag("dashboard.step.attempt", context.Attempt);

    /// <summary>Ends a step's span with its result and records the step's duration.</summary>
    public static void StepFinished(Activity? activity, StepContext context, StepOutcome outcome, TimeSpan elapsed)
    {
        var result = outcome.Kind switch
        {
            StepOutcomeKind.Retryable => "retryable",
            StepOutcomeKind.Failed => "failed",
            _ => "succeeded",
        };
        RuntimeMetrics.StepFinished(context.Step.Type, result, elapsed);
        if (activity is not null)
        {
            activity.SetTag("dashboard.step.result", result);
            activity.SetStatus(result == "succeeded" ? ActivityStatusCode.Ok : ActivityStatusCode.Error, outcome.Error);
            activity.Stop();
        }
    }
}
