using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.EventDefinitions;

/// <summary>A definition's consumer lag as shown beside it: applies to broker sources, and is known only when a transport reports it.</summary>
public sealed record SourceLagView(bool Applies, SourceLag? Lag, string Note);

/// <summary>
/// Reads a definition's source consumer lag through the <see cref="ISourceLagReader"/> of its source kind (the page and
/// <c>GET /api/event-definitions/{id}/consumer-lag</c>). A core NATS subject keeps no backlog, so its lag is "n/a".
/// </summary>
public sealed class SourceLagQuery(IDbContextFactory<DashboardDbContext> dbFactory, IEnumerable<ISourceLagReader> readers)
{
    public const string CoreNatsNote = "n/a: a core NATS subscription keeps no backlog (a message nobody reads is not kept); name a stream for a durable consumer.";
    private readonly ISourceLagReader[] _readers = readers.ToArray();

    public async Task<SourceLagView?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var definition = await db.EventDefinitions.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Id, e.Key, e.SourceKind, e.NatsSubject, e.NatsStream, e.RabbitQueue }).FirstOrDefaultAsync(cancellationToken);
        if (definition is null)
        {
            return null;
        }

        if (definition.SourceKind is not (EventSourceKind.Nats or EventSourceKind.RabbitMq))
        {
            return new SourceLagView(false, null, "Only NATS, JetStream and RabbitMQ sources have a consumer.");
        }

        if (definition.SourceKind == EventSourceKind.Nats && string.IsNullOrWhiteSpace(definition.NatsStream))
        {
            return new SourceLagView(true, null, CoreNatsNote);
        }

        var reader = _readers.FirstOrDefault(r => r.SourceKind == definition.SourceKind);
        var request = new SourceLagRequest(definition.Id, definition.Key, definition.NatsSubject, definition.NatsStream, definition.RabbitQueue);
        var lag = reader is null ? null : await reader.ReadAsync(request, cancellationToken);
        return new SourceLagView(true, lag, lag is null
            ? "No consumer lag is reported (the broker module is not configured or not connected, or the consumer does not exist yet)."
            : "");
    }
}
