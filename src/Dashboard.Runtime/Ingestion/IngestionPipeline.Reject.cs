using Dashboard.CloudEventBindings;
using Dashboard.Data.Events;

namespace Dashboard.Runtime.Ingestion;

public sealed partial class IngestionPipeline
{
    /// <summary>Records a rejection (ledger row, plus activity on every workflow the event was aimed at) and answers with it.</summary>
    public async Task<IngestionResult> RejectAsync(
        IngestionRequest request, DefinitionCatalog.Definition? definition, int status, string outcome, string title, string? detail,
        CancellationToken cancellationToken, string? mode = null, IReadOnlyList<IngestionError>? errors = null,
        IngestionAuthorizer.Decision? decision = null, CloudEventIdentity identity = default, IngestionTraceBuilder? trace = null, string? failedStage = null)
    {
        var now = clock.GetUtcNow();
        var reason = errors is { Count: > 0 } ? string.Join("; ", errors.Take(5).Select(e => $"{e.Path}: {e.Message}")) : detail;
        trace ??= new IngestionTraceBuilder(request);
        if (failedStage is not null || trace.StepCount == 1)
        {
            trace.Add(failedStage ?? "refused", TraceResult.Failed, reason ?? title);
        }

        var ledger = Ledger(request, definition, now, mode, outcome, status, reason, decision?.TokenId, identity) with { Trace = trace.Complete() };
        var activity = definition is null
            ? []
            : definition.Workflows.Select(w => new ActivityRow(now, w.Id, ActivityKind(outcome),
                $"rejected: {reason}", request.TrustedInitiator ?? request.RemoteAddress, request.RemoteAddress, decision?.TokenId)).ToList();
        var write = new WriteRequest([], ledger, activity, decision?.Use);
        var result = new IngestionResult(status, outcome, title, detail) { Errors = errors ?? [] };
        if (!writer.TryEnqueue(write))
        {
            _overloadLog.Refused(request.LedgerRoute, "the event store's queue is full; the rejection was answered without its ledger row");
            return result;
        }

        try
        {
            await write.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (EventStoreUnavailableException)
        {
            // The rejection is answered anyway; only its ledger row and activity entries are lost.
        }

        return result;
    }

    private Task<IngestionResult> RejectAuthAsync(
        IngestionRequest request, DefinitionCatalog.Definition definition, IngestionAuthorizer.Decision decision, IngestionTraceBuilder trace,
        CancellationToken cancellationToken, string? mode = null, CloudEventIdentity identity = default) =>
        RejectAsync(request, definition, decision.Status, Outcomes.RejectedAuth,
            decision.Status switch { 400 => "More than one credential", 401 => "Unauthorized", _ => "Forbidden" }, decision.Reason, cancellationToken, mode,
            decision: decision, identity: identity == default ? HeaderIdentity(request) : identity, trace: trace);

    /// <summary>
    /// A binary-mode message names its event in headers, readable without parsing the body (which an unauthorized request
    /// never gets): the ledger keeps them. A structured body is not read for a request that failed auth.
    /// </summary>
    private static CloudEventIdentity HeaderIdentity(IngestionRequest request)
    {
        var prefix = request.Transport == IngestionTransport.Amqp ? CloudEventAmqpDecoder.Prefix : "ce-";
        string? id = null, source = null, type = null;
        foreach (var (name, value) in request.Headers)
        {
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var attribute = name.AsSpan(prefix.Length);
                if (attribute.Equals("id", StringComparison.OrdinalIgnoreCase))
                {
                    id ??= value;
                }
                else if (attribute.Equals("source", StringComparison.OrdinalIgnoreCase))
                {
                    source ??= value;
                }
                else if (attribute.Equals("type", StringComparison.OrdinalIgnoreCase))
                {
                    type ??= value;
                }
            }
        }

        return new CloudEventIdentity(id, source, type);
    }

    private Task<IngestionResult> RejectInvalidAsync(
        IngestionRequest request, DefinitionCatalog.Definition? definition, string mode, IReadOnlyList<IngestionError> errors,
        IngestionTraceBuilder trace, CancellationToken cancellationToken, CloudEventIdentity identity = default) =>
        RejectAsync(request, definition, 400, Outcomes.RejectedInvalid, "Invalid event",
            $"{errors.Count} problem(s) with the event; see errors.", cancellationToken, mode, errors, identity: identity, trace: trace);

    private static string ActivityKind(string outcome) => outcome switch
    {
        Outcomes.RejectedAuth => "rejected-auth",
        Outcomes.RejectedInvalid => "rejected-invalid",
        Outcomes.Disabled => "rejected-disabled",
        _ => "rejected",
    };
}
