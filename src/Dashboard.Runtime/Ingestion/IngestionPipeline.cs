using Dashboard.CloudEventBindings;
using Dashboard.Data.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Ingestion;

/// <summary>
/// The one entry point for every source: route → authorize → decode → validate → de-duplicate and store
/// (group commit) → queue runs. Every outcome, accepted or not, leaves a ledger entry; rejections of a known
/// definition also leave an activity entry on each workflow the event was aimed at.
/// </summary>
public sealed partial class IngestionPipeline(
    DefinitionCatalog catalog,
    IngestionAuthorizer authorizer,
    IEventWriteQueue writer,
    Contracts.IRunHandOff handOff,
    ThreadPoolDelayProbe delayProbe,
    TimeProvider clock,
    IOptions<IngestionOptions> options,
    ILogger<IngestionPipeline> logger)
{
    private readonly StrictJsonEventFormatter _formatter = new(options.Value.MaxJsonDepth);
    private readonly OverloadLog _overloadLog = new(logger, clock);

    public async Task<IngestionResult> IngestAsync(IngestionRequest request, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.RuntimeTracing.StartIngest(request.LedgerRoute);
        try
        {
            return await IngestCoreAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (EventStoreUnavailableException ex)
        {
            Telemetry.RuntimeMetrics.IngestRefused(503);
            // Worker instances: the owner's catalog or the ingest stream did not answer. Nothing was acknowledged.
            LogUnavailable(logger, request.LedgerRoute, ex.Message);
            return new IngestionResult(503, Outcomes.Overloaded, "Service unavailable", "The event could not be made durable right now; retry shortly.")
            {
                RetryAfterSeconds = options.Value.RetryAfterSeconds,
            };
        }
    }

    private async Task<IngestionResult> IngestCoreAsync(IngestionRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var trace = new IngestionTraceBuilder(request);
        DefinitionCatalog.Definition? target = null;
        if (request.DefinitionId is { } definitionId)
        {
            target = snapshot.ById(definitionId);
            if (target is null)
            {
                return await RejectAsync(request, null, 404, Outcomes.Unmatched, "Unknown event definition", $"No event definition {definitionId}.", cancellationToken,
                    trace: trace, failedStage: "route").ConfigureAwait(false);
            }

            trace.Add("route", TraceResult.Passed, $"definition '{target.Key}' (#{target.Id})");
        }
        else if (request.Route is not null)
        {
            target = snapshot.ByRoute(request.Route);
            if (target is null || target.Kind != Data.Entities.EventSourceKind.Http)
            {
                return await RejectAsync(request, null, 404, Outcomes.Unmatched, "Unknown route", $"No event definition listens on /hooks/{request.Route}.", cancellationToken,
                    trace: trace, failedStage: "route").ConfigureAwait(false);
            }

            var allow = $"{target.HttpMethod.ToUpperInvariant()}, OPTIONS";
            if (HttpMethods.IsOptions(request.Method))
            {
                // CloudEvents webhook spec 4.1: the validation handshake grants the requesting origin; Allow names the method.
                var origin = Header(request, "webhook-request-origin");
                return new IngestionResult(origin is null ? 204 : 200, Outcomes.Accepted, "Options", null) { Allow = allow, AllowedOrigin = origin };
            }

            if (!string.Equals(target.HttpMethod, request.Method, StringComparison.OrdinalIgnoreCase))
            {
                var refused = await RejectAsync(request, target, 405, Outcomes.RejectedInvalid, "Method not allowed", $"/hooks/{request.Route} accepts {target.HttpMethod}.", cancellationToken,
                    trace: trace, failedStage: "route").ConfigureAwait(false);
                return refused with { Allow = allow };
            }
        }

        if (target is not null)
        {
            if (request.Route is not null)
            {
                trace.Add("route", TraceResult.Passed, $"/hooks/{request.Route} → definition '{target.Key}' (#{target.Id})");
            }

            if (Refusal(target) is { } refused)
            {
                return await RejectAsync(request, target, refused.Status, refused.Outcome, refused.Title, refused.Detail, cancellationToken,
                    trace: trace, failedStage: "route").ConfigureAwait(false);
            }

            var announcedMode = trace.AddMode(request);

            // The token or signature is checked before the body is parsed.
            var decision = await authorizer.AuthorizeAsync(target, request, cancellationToken).ConfigureAwait(false);
            trace.AddAuth(decision);
            if (!decision.Allowed)
            {
                return await RejectAuthAsync(request, target, decision, trace, cancellationToken, announcedMode).ConfigureAwait(false);
            }

            return await DecodeAndStoreAsync(request, snapshot, target, decision, trace, cancellationToken).ConfigureAwait(false);
        }

        trace.Add("route", TraceResult.Info, "by CloudEvents type (read from the event)");
        trace.AddMode(request);
        return await DecodeAndStoreAsync(request, snapshot, null, null, trace, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IngestionResult> DecodeAndStoreAsync(
        IngestionRequest request, DefinitionCatalog.Snapshot snapshot, DefinitionCatalog.Definition? target,
        IngestionAuthorizer.Decision? decision, IngestionTraceBuilder trace, CancellationToken cancellationToken)
    {
        var decoded = request.Transport switch
        {
            IngestionTransport.Nats => CloudEventNatsDecoder.Decode(request.Headers, request.Body, _formatter),
            IngestionTransport.Amqp => CloudEventAmqpDecoder.Decode(request.ContentType, request.Headers, request.Body, _formatter),
            _ => CloudEventHttpDecoder.Decode(request.ContentType, request.Headers, request.Body, _formatter),
        };
        var mode = decoded.ModeName;
        if (decoded.IsUnsupported)
        {
            var unsupported = decoded.Errors.FirstOrDefault().Message;
            trace.Add("decode", TraceResult.Failed, unsupported ?? "unsupported content type");
            return await RejectAsync(request, target, 415, Outcomes.UnsupportedMediaType, "Unsupported content type",
                unsupported, cancellationToken, mode, trace: trace).ConfigureAwait(false);
        }

        var isBatch = decoded.IsBatch;
        if (decoded.Errors.Count > 0)
        {
            var problems = decoded.Errors.Select(e => new IngestionError(e.Path, e.Message)).ToList();
            trace.AddProblems("decode", problems);
            return await RejectInvalidAsync(request, target, mode, problems, trace, cancellationToken, decoded.Identity).ConfigureAwait(false);
        }

        if ((decoded.Events.Count == 0 && !isBatch) || decoded.Events.Count > options.Value.MaxBatchEvents)
        {
            IngestionError[] problem = [new IngestionError("$", $"a batch must hold at most {options.Value.MaxBatchEvents} events")];
            trace.AddProblems("decode", problem);
            return await RejectInvalidAsync(request, target, mode, problem, trace, cancellationToken, decoded.Identity).ConfigureAwait(false);
        }

        trace.Add("decode", TraceResult.Passed, isBatch ? $"batch of {decoded.Events.Count} event(s), {mode} mode" : $"1 event, {mode} mode");

        // Routing by type (POST /events): every event must name a known, enabled definition that authorizes the sender.
        var definitions = new DefinitionCatalog.Definition[decoded.Events.Count];
        for (var i = 0; i < decoded.Events.Count; i++)
        {
            var definition = target ?? snapshot.ByType(decoded.Events[i].Type!);
            if (definition is null)
            {
                var path = isBatch ? $"$[{i}].type" : "$.type";
                return await RejectAsync(request, null, 404, Outcomes.Unmatched, "Unknown event type",
                    $"{path}: no event definition accepts type '{decoded.Events[i].Type}'.", cancellationToken, mode, identity: Identity(decoded.Events[i]),
                    trace: trace, failedStage: "route").ConfigureAwait(false);
            }

            if (target is null && (i == 0 || definitions[i - 1] != definition))
            {
                trace.Add("route", TraceResult.Passed, $"type '{decoded.Events[i].Type}' → definition '{definition.Key}' (#{definition.Id})");
            }

            definitions[i] = definition;
        }

        if (target is null)
        {
            foreach (var definition in definitions.Distinct())
            {
                if (Refusal(definition) is { } refused)
                {
                    return await RejectAsync(request, definition, refused.Status, refused.Outcome, refused.Title, refused.Detail, cancellationToken, mode,
                        identity: decoded.Identity, trace: trace, failedStage: "route").ConfigureAwait(false);
                }

                var check = await authorizer.AuthorizeAsync(definition, request, cancellationToken).ConfigureAwait(false);
                trace.AddAuth(check);
                if (!check.Allowed)
                {
                    return await RejectAuthAsync(request, definition, check, trace, cancellationToken, mode, decoded.Identity).ConfigureAwait(false);
                }

                decision ??= check;
            }
        }

        if (isBatch && definitions.FirstOrDefault(d => d.IsSync) is { } sync)
        {
            IReadOnlyList<IngestionError> batchRefused =
                [new IngestionError("$", $"'{sync.Key}' is a sync event answered with its workflow's response: send one event per request, not a batch")];
            trace.AddProblems("decode", batchRefused);
            return await RejectInvalidAsync(request, sync, mode, batchRefused, trace, cancellationToken, decoded.Identity).ConfigureAwait(false);
        }

        var errors = EventValidation.Validate(decoded.Events, definitions, isBatch);
        if (errors.Count > 0)
        {
            trace.AddProblems("schema", errors);
            var single = definitions.Distinct().Count() == 1 ? definitions[0] : null;
            var rejected = await RejectInvalidAsync(request, single, mode, errors, trace, cancellationToken, Identity(decoded.Events[0])).ConfigureAwait(false);
            return rejected with { ErrorBodyTemplate = single?.ValidationErrorBody };
        }

        trace.AddSchemaPassed(definitions);
        return await StoreAsync(request, decoded.Events, definitions, decision, mode, isBatch, trace, cancellationToken).ConfigureAwait(false);
    }

    private static CloudEventIdentity Identity(CloudNative.CloudEvents.CloudEvent cloudEvent) =>
        new(cloudEvent.Id, cloudEvent.Source?.OriginalString, cloudEvent.Type);

    private static string? Header(IngestionRequest request, string name) =>
        request.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static (int Status, string Outcome, string Title, string Detail)? Refusal(DefinitionCatalog.Definition definition) =>
        definition.Enabled ? null : (410, Outcomes.Disabled, "Definition disabled", $"The event definition '{definition.Key}' is disabled.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event store unavailable for {Route} ({Reason}); answered 503")]
    private static partial void LogUnavailable(ILogger logger, string route, string reason);
}
