using System.Diagnostics.Metrics;
using System.Globalization;

namespace Dashboard.Runtime.Telemetry;

/// <summary>
/// The runtime's instruments (meter <c>Dashboard.Runtime</c>), recorded where the runtime already counts: the live
/// counters the overview reads, the ingest latency histogram, run transitions and step outcomes. So the overview, the
/// System page and an exporter see the same numbers. Tags are bounded: outcomes, states, step types and ids of
/// definitions and workflows (one per definition, never per event).
/// </summary>
public static class RuntimeMetrics
{
    public const string MeterName = "Dashboard.Runtime";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Events = Meter.CreateCounter<long>(
        "dashboard.events", "{event}", "Events and rejections the store committed, by outcome and definition.");
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "dashboard.events.refused", "{request}", "Ingestion requests answered without storing (queue full: 429; store cannot write: 503).");
    private static readonly Histogram<double> IngestDuration = Meter.CreateHistogram<double>(
        "dashboard.ingest.duration", "s", "From the request reaching the ingestion endpoint to its answer.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10] });
    private static readonly Counter<long> Runs = Meter.CreateCounter<long>(
        "dashboard.runs", "{run}", "Run transitions committed (Running, Succeeded, Failed, DeadLettered, Cancelled), by workflow.");
    private static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>(
        "dashboard.runs.dead_lettered", "{run}", "Runs that exhausted their retries.");
    private static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>(
        "dashboard.steps.duration", "s", "Time one step attempt took, by step type and result.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60] });
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "dashboard.steps.retries", "{attempt}", "Step attempts that failed and were scheduled again.");
    private static readonly Counter<long> LiveDropped = Meter.CreateCounter<long>(
        "dashboard.live.dropped", "{item}", "Live feed items dropped because a viewer's bounded queue was full.");

    public static void EventCommitted(string outcome, long? definitionId) =>
        Events.Add(1, new("outcome", outcome), new("definition.id", Id(definitionId)));

    public static void IngestRefused(int status) => Refused.Add(1, new KeyValuePair<string, object?>("status", status));

    public static void IngestAnswered(TimeSpan elapsed) => IngestDuration.Record(elapsed.TotalSeconds);

    public static void RunChanged(string state, long? workflowId)
    {
        Runs.Add(1, new("state", state), new("workflow.id", Id(workflowId)));
        if (state == "DeadLettered")
        {
            DeadLetters.Add(1, new KeyValuePair<string, object?>("workflow.id", Id(workflowId)));
        }
    }

    public static void StepFinished(string type, string result, TimeSpan elapsed) =>
        StepDuration.Record(elapsed.TotalSeconds, new("step.type", type), new("result", result));

    public static void StepRetried(string type) => Retries.Add(1, new KeyValuePair<string, object?>("step.type", type));

    public static void LiveItemDropped() => LiveDropped.Add(1);

    private static string Id(long? id) => id?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
