using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>A CloudEvent a workflow emits into the runtime, addressed to an event definition by key.</summary>
public sealed record PublishRequest(string DefinitionKey, CloudNative.CloudEvents.CloudEvent CloudEvent, string Initiator, string CausationId);

/// <summary>The outcome: Status as the ingestion pipeline answered it (202, 200 duplicate, 4xx, 429), and a message.</summary>
public sealed record PublishResult(int Status, string Outcome, string? Detail, long? Seq, bool Duplicate, IReadOnlyList<string> Workflows);

/// <summary>Where the <c>publish</c> step sends events; the runtime's implementation goes through the ingestion pipeline.</summary>
public interface IEventPublisher
{
    Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken);
}
