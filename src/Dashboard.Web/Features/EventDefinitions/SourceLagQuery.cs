using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.EventDefinitions;

/// <summary>A definition's consumer lag as shown beside it: applies only to NATS sources, and is known only when a transport reports it.</summary>
public sealed record SourceLagView(bool Applies, SourceLag? Lag, string Note);

/// <summary>Reads a definition's source consumer lag through <see cref="ISourceLagReader"/> (the page and <c>GET /api/event-definitions/{id}/consumer-lag</c>).</summary>
public sealed class SourceLagQuery(IDbContextFactory<DashboardDbContext> dbFactory, ISourceLagReader reader)
{
    public async Task<SourceLagView?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var definition = await db.EventDefinitions.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new { e.Id, e.Key, e.SourceKind, e.NatsSubject, e.NatsStream }).FirstOrDefaultAsync(cancellationToken);
        if (definition is null)
        {
            return null;
        }

        if (definition.SourceKind != EventSourceKind.Nats)
        {
            return new SourceLagView(false, null, "Only NATS and JetStream sources have a consumer.");
        }

        var lag = await reader.ReadAsync(new SourceLagRequest(definition.Id, definition.Key, definition.NatsSubject, definition.NatsStream), cancellationToken);
        return new SourceLagView(true, lag, lag is null ? "No consumer lag is reported (NATS eventing is off, or the consumer is not bound yet)." : "");
    }
}
