using Dashboard.CloudEventBindings;
using Dashboard.Runtime.Workflows.Steps;

namespace Dashboard.Runtime.Ingestion;

/// <summary>The <c>publish</c> step's <see cref="IEventPublisher"/>: publishes through <see cref="IngestionPipeline"/> as a structured-mode CloudEvent (the SDK's JSON format), trusted as the run.</summary>
public sealed class PipelineEventPublisher(IngestionPipeline pipeline, DefinitionCatalog catalog) : IEventPublisher
{
    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var definition = snapshot.All.FirstOrDefault(d => d.Key == request.DefinitionKey);
        if (definition is null)
        {
            return new PublishResult(404, Outcomes.Unmatched, $"no event definition with key '{request.DefinitionKey}'", null, false, []);
        }

        var result = await pipeline.IngestAsync(new IngestionRequest
        {
            DefinitionId = definition.Id,
            ContentType = CloudEventMediaTypes.Structured + "; charset=utf-8",
            Headers = [],
            Body = StrictJsonEventFormatter.Default.EncodeStructuredModeMessage(request.CloudEvent, out _),
            TrustedInitiator = request.Initiator,
            CausationId = request.CausationId,
        }, cancellationToken).ConfigureAwait(false);
        var stored = result.Events.FirstOrDefault();
        var detail = result.Errors.Count > 0 ? string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")) : result.Detail;
        return new PublishResult(result.Status, result.Outcome, detail, stored?.Seq, stored?.Duplicate ?? false, stored?.Workflows ?? []);
    }
}
