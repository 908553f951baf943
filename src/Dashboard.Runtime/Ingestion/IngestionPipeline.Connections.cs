using Dashboard.Data.Events;
using Dashboard.Data.Entities;

namespace Dashboard.Runtime.Ingestion;

public sealed partial class IngestionPipeline
{
    /// <summary>A connection that may send events: its definition and the handshake's decision, or the rejection to answer.</summary>
    public sealed record ConnectionAdmission(DefinitionCatalog.Definition? Definition, IngestionAuthorizer.Decision? Decision, IngestionResult? Rejection);

    /// <summary>
    /// Checks a connection-based source's handshake (a WebSocket upgrade) as a webhook request is checked: the route
    /// must name an enabled definition of <paramref name="kind"/>, and the credentials must satisfy its auth policy.
    /// A refusal is recorded like any other (ledger row, and activity on the definition's workflows).
    /// </summary>
    public async Task<ConnectionAdmission> AdmitConnectionAsync(
        IngestionRequest request, string route, EventSourceKind kind, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var trace = new IngestionTraceBuilder(request);
        var target = snapshot.ByRoute(route);
        if (target is null || target.Kind != kind)
        {
            return new(null, null, await RejectAsync(request, null, 404, Outcomes.Unmatched, "Unknown route",
                $"No event definition listens on {request.LedgerRoute}.", cancellationToken, trace: trace, failedStage: "route").ConfigureAwait(false));
        }

        trace.Add("route", TraceResult.Passed, $"definition '{target.Key}' (#{target.Id})");
        if (Refusal(target) is { } refused)
        {
            return new(null, null, await RejectAsync(request, target, refused.Status, refused.Outcome, refused.Title, refused.Detail, cancellationToken,
                trace: trace, failedStage: "route").ConfigureAwait(false));
        }

        var decision = await authorizer.AuthorizeAsync(target, request, cancellationToken).ConfigureAwait(false);
        trace.AddAuth(decision);
        return decision.Allowed
            ? new(target, decision, null)
            : new(null, null, await RejectAuthAsync(request, target, decision, trace, cancellationToken).ConfigureAwait(false));
    }
}
