using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using Dashboard.CloudEventBindings;
using Dashboard.Data.Events;
using Dashboard.Runtime.Events;
using Microsoft.Extensions.Logging;

namespace Dashboard.Runtime.Ingestion;

public sealed partial class IngestionPipeline
{
    private async Task<IngestionResult> StoreAsync(
        IngestionRequest request, IReadOnlyList<CloudEvent> events, DefinitionCatalog.Definition[] definitions,
        IngestionAuthorizer.Decision? decision, string mode, bool isBatch, IngestionTraceBuilder trace, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var newEvents = new NewEvent[events.Count];
        var head = trace.Head();
        for (var i = 0; i < events.Count; i++)
        {
            newEvents[i] = ToNewEvent(events[i], definitions[i], mode, request, head);
        }

        if (!isBatch && definitions[0].IsSync)
        {
            newEvents[0] = newEvents[0] with { Sync = true };
        }

        var ledger = Ledger(request, definitions.Length > 0 ? definitions[0] : null, now, mode, Outcomes.Accepted, 202, null, decision?.TokenId);
        if (writer.IsBehind)
        {
            // Checked again here: the store may have fallen behind while the request was read and checked.
            return Overloaded(request, StoreBehind);
        }

        var reserved = ReserveWorkers(newEvents, definitions);
        var write = new WriteRequest(newEvents, ledger, [], decision?.Use);
        if (!writer.TryEnqueue(write))
        {
            handOff.Release(reserved);
            return Overloaded(request, QueueFull);
        }

        if (reserved > 0)
        {
            // Not stored: nothing claimed. Stored: the dispatcher hands the runs over (or frees a duplicate's slots).
            _ = write.Completion.ContinueWith(_ => handOff.Release(reserved), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        IReadOnlyList<StoredEvent> stored;
        using (Telemetry.RuntimeTracing.StartCommit(newEvents.Length))
        {
            stored = await write.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var results = new IngestedEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            results[i] = new IngestedEvent(i, events[i].Id!, events[i].Source!.OriginalString, stored[i].Duplicate, stored[i].Seq,
                stored[i].Duplicate || !TypeMatches(definitions[i], events[i].Type!) ? [] : definitions[i].Workflows.Where(w => w.Enabled).Select(w => w.Name).ToList())
            {
                LedgerId = stored[i].LedgerId,
            };
        }

        var allDuplicates = results.All(r => r.Duplicate);
        var sync = !isBatch && definitions[0].IsSync
            ? new SyncTarget(definitions[0].Id, definitions[0].SyncTimeoutSeconds,
                definitions[0].Workflows.FirstOrDefault(w => w.Enabled && w.Version > 0)?.Id)
            : null;
        return allDuplicates && !isBatch
            ? new IngestionResult(200, Outcomes.Duplicate, "Duplicate", "An event with this source and id was already accepted.") { Events = results, Sync = sync }
            : new IngestionResult(202, Outcomes.Accepted, "Accepted", null) { Events = results, IsBatch = isBatch, Sync = sync };
    }

    private const string QueueFull = "The event store's queue is full; retry shortly.";
    private const string StoreBehind = "The event store is behind; retry shortly.";

    /// <summary>
    /// Reserves free workers for the events' runs, without waiting, so the writer stores them claimed and they start from
    /// the commit; a run whose workflow steps the catalog lacks, and every run once no worker is free, is queued as before.
    /// Returns how many workers it reserved.
    /// </summary>
    private int ReserveWorkers(NewEvent[] events, DefinitionCatalog.Definition[] definitions)
    {
        var reserved = 0;
        for (var i = 0; i < events.Length; i++)
        {
            var runs = events[i].Runs;
            var claimable = 0;
            while (claimable < runs.Count && definitions[i].WorkflowWithSteps(runs[claimable].WorkflowId, runs[claimable].WorkflowVersion) is not null)
            {
                claimable++;
            }

            if (claimable == 0)
            {
                continue;
            }

            var taken = handOff.TryReserve(claimable);
            if (taken == 0)
            {
                break;
            }

            events[i] = events[i] with { ClaimedRuns = taken };
            reserved += taken;
        }

        return reserved;
    }

    /// <summary>
    /// The 429 for a request while the store's queue is full, its oldest request has waited too long, or work waits long
    /// for a thread-pool thread; null when there is room. Checked before the body is read or the request authorized, so
    /// refusing costs next to nothing when the machine is busiest.
    /// </summary>
    public IngestionResult? RefuseWhenFull(IngestionRequest request) =>
        writer.IsFull ? Overloaded(request, QueueFull)
        : writer.IsBehind ? Overloaded(request, StoreBehind)
        : ThreadPoolDelayExceeded() ? Overloaded(request, "The server is at capacity; retry shortly.")
        : null;

    private bool ThreadPoolDelayExceeded()
    {
        var limit = options.Value.MaxThreadPoolDelayMilliseconds;
        return limit > 0 && delayProbe.CurrentDelay.TotalMilliseconds > limit;
    }

    private IngestionResult Overloaded(IngestionRequest request, string detail)
    {
        _overloadLog.Refused(request.LedgerRoute, detail);
        Telemetry.RuntimeMetrics.IngestRefused(429);
        return new IngestionResult(429, Outcomes.Overloaded, "Too many requests", detail)
        {
            RetryAfterSeconds = options.Value.RetryAfterSeconds,
        };
    }

    private static NewEvent ToNewEvent(CloudEvent cloudEvent, DefinitionCatalog.Definition definition, string mode, IngestionRequest request, string traceHead)
    {
        var (routing, runs, traceRouted) = TypeMatches(definition, cloudEvent.Type!) ? Routings.GetValue(definition, Route) : TypeFiltered(definition, cloudEvent.Type!);
        var (data, dataIsJson) = CloudEventPayload.DataOf(cloudEvent);
        return new NewEvent(
            cloudEvent.Id!, cloudEvent.Source!.OriginalString, cloudEvent.Type!, cloudEvent.Subject, cloudEvent.Time, cloudEvent.DataContentType,
            cloudEvent.DataSchema?.OriginalString,
            Telemetry.RuntimeTracing.ExtensionsJson(CloudEventPayload.Extensions(cloudEvent)),
            data, dataIsJson, definition.Id, mode,
            request.TrustedInitiator, request.CausationId,
            routing, runs)
        {
            TraceHead = traceHead,
            TraceRouted = traceRouted,
        };
    }

    /// <summary>
    /// An event reached its definition by route, subject, queue or id and is stored; its workflows run only when the
    /// definition has no type filter or the event's type is the filter's.
    /// </summary>
    private static bool TypeMatches(DefinitionCatalog.Definition definition, string type) =>
        definition.TypeFilter is null || string.Equals(definition.TypeFilter, type, StringComparison.Ordinal);

    /// <summary>
    /// A definition's routing (the ledger's JSON and the runs to queue) is the same for all its events, and definitions
    /// are immutable snapshots: computed once per definition instead of serialized for every event.
    /// </summary>
    private static readonly ConditionalWeakTable<DefinitionCatalog.Definition, Routing> Routings = new();

    private sealed record Routing(string Json, IReadOnlyList<QueuedRun> Runs, string Trace);

    private static Routing Route(DefinitionCatalog.Definition definition)
    {
        var routing = new List<object>(definition.Workflows.Count);
        var runs = new List<QueuedRun>(definition.Workflows.Count);
        var trace = new StringBuilder("[");
        foreach (var workflow in definition.Workflows)
        {
            if (workflow.Enabled && workflow.Version > 0)
            {
                routing.Add(new { workflow = workflow.Name, workflowId = workflow.Id, matched = true, version = workflow.Version });
                runs.Add(new QueuedRun(workflow.Id, workflow.Version));
                IngestionTrace.Append(trace, "workflow", TraceResult.Passed, $"'{workflow.Name}' v{workflow.Version}: matched (bound to '{definition.Key}')");
            }
            else
            {
                var reason = workflow.Enabled ? "workflow has no steps" : "workflow disabled";
                routing.Add(new { workflow = workflow.Name, workflowId = workflow.Id, matched = false, reason });
                IngestionTrace.Append(trace, "workflow", TraceResult.Skipped, $"'{workflow.Name}': not matched ({reason})");
            }
        }

        if (definition.Workflows.Count == 0)
        {
            IngestionTrace.Append(trace, "workflow", TraceResult.Skipped, $"no workflow is bound to '{definition.Key}'");
        }

        IngestionTrace.Append(trace, "runs", runs.Count > 0 ? TraceResult.Passed : TraceResult.Skipped, runs.Count == 0 ? "no runs queued"
            : $"{runs.Count} run(s) queued: {string.Join(", ", definition.Workflows.Where(w => w.Enabled && w.Version > 0).Select(w => $"'{w.Name}' v{w.Version}"))}");
        return new Routing(routing.Count == 0 ? "[]" : JsonSerializer.Serialize(routing), runs, Fragment(trace));
    }

    /// <summary>The routing of an event whose type is not its definition's type filter: stored, no workflow runs.</summary>
    private static Routing TypeFiltered(DefinitionCatalog.Definition definition, string type)
    {
        var routing = new List<object>(definition.Workflows.Count);
        var trace = new StringBuilder("[");
        var reason = $"type filter: the event's type '{type}' is not '{definition.TypeFilter}'";
        foreach (var workflow in definition.Workflows)
        {
            routing.Add(new { workflow = workflow.Name, workflowId = workflow.Id, matched = false, reason });
            IngestionTrace.Append(trace, "workflow", TraceResult.Skipped, $"'{workflow.Name}': not matched ({reason})");
        }

        IngestionTrace.Append(trace, "runs", TraceResult.Skipped, "no runs queued");
        return new Routing(JsonSerializer.Serialize(routing), [], Fragment(trace));
    }

    /// <summary>Steps to append after others: a leading comma instead of the opening bracket.</summary>
    private static string Fragment(StringBuilder steps) => string.Concat(",", steps.ToString(1, steps.Length - 1));

    private static LedgerRow Ledger(IngestionRequest request, DefinitionCatalog.Definition? definition, DateTimeOffset now, string? mode,
        string outcome, int status, string? reason, long? tokenId, CloudEventIdentity identity = default) =>
        new(now, request.RemoteAddress, request.LedgerRoute, mode, outcome, status, reason, definition?.Id, tokenId, identity.Id, identity.Source, identity.Type);

}
