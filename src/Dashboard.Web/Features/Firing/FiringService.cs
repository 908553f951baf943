using System.Security.Claims;
using System.Text;
using Dashboard.Data;
using Dashboard.Data.Events;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.Sources;
using Dashboard.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Features.Firing;

/// <summary>An event definition as the manual-fire editor needs it.</summary>
public sealed record FireTarget(long Id, string Key, string? TypeFilter, string? DataSchema, bool Enabled, IReadOnlyList<FireTargetWorkflow> Workflows);

public sealed record FireTargetWorkflow(long Id, string Name);

/// <summary>
/// Sends hand-made events through the ingestion pipeline as the signed-in user (the event records the initiator), and
/// notes each accepted manual fire in the activity log of every workflow bound to the definition.
/// </summary>
public sealed class FiringService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IngestionPipeline pipeline,
    ActivityRecorder activity,
    EventQueries events)
{
    public const string ActivityKind = "manual-fire";

    /// <summary>The initiator recorded on the event: <c>user:&lt;name&gt;</c>, or the token's own name for API tokens.</summary>
    public static string InitiatorFor(ClaimsPrincipal user)
    {
        var name = user.ToActor().Name;
        return name.StartsWith("token:", StringComparison.Ordinal) ? name : $"user:{name}";
    }

    public async Task<FireTarget?> GetTargetAsync(long definitionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var target = await db.EventDefinitions.Where(d => d.Id == definitionId)
            .Select(d => new { d.Id, d.Key, d.TypeFilter, d.DataSchema, d.Enabled })
            .FirstOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return null;
        }

        var workflows = await db.WorkflowBindings.Where(b => b.EventDefinitionId == definitionId)
            .Select(b => new FireTargetWorkflow(b.WorkflowDefinitionId, b.WorkflowDefinition!.Name))
            .ToListAsync(cancellationToken);
        return new FireTarget(target.Id, target.Key, target.TypeFilter, target.DataSchema, target.Enabled, workflows.OrderBy(w => w.Name).ToList());
    }

    /// <summary>Fires a structured-mode CloudEvent (UTF-8 JSON) at one definition.</summary>
    public async Task<IngestionResult> FireAsync(long definitionId, ReadOnlyMemory<byte> cloudEventJson, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var initiator = InitiatorFor(user);
        var result = await pipeline.IngestAsync(new IngestionRequest
        {
            DefinitionId = definitionId,
            ContentType = "application/cloudevents+json",
            Headers = [],
            Body = cloudEventJson,
            TrustedInitiator = initiator,
        }, cancellationToken);
        if (result.Status == 202 && result.Events is [{ Duplicate: false } accepted, ..])
        {
            var target = await GetTargetAsync(definitionId, cancellationToken);
            foreach (var workflow in target?.Workflows ?? [])
            {
                await activity.RecordAsync(workflow.Id, ActivityKind,
                    $"manual fire by {initiator}: event {accepted.Id} (#{accepted.Seq}) of '{target!.Key}'", initiator, cancellationToken);
            }
        }

        return result;
    }

    public Task<IngestionResult> FireAsync(long definitionId, string cloudEventJson, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        FireAsync(definitionId, Encoding.UTF8.GetBytes(cloudEventJson), user, cancellationToken);

    /// <summary>Fires a stored event again under a new id; null when the event is unknown or belongs to no definition.</summary>
    public async Task<IngestionResult?> FireAgainAsync(long seq, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var stored = await events.GetAsync(seq, cancellationToken);
        if (stored?.DefinitionId is not { } definitionId)
        {
            return null;
        }

        return await FireAsync(definitionId, ManualEvents.Again(stored, Guid.NewGuid().ToString()), user, cancellationToken);
    }
}
