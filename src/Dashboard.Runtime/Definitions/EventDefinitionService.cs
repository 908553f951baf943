using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Microsoft.AspNetCore.DataProtection;
using Dashboard.Runtime.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Definitions;

/// <summary>Creates, updates and deletes event definitions; every write is checked first and audited.</summary>
public sealed class EventDefinitionService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    IDataProtectionProvider dataProtection,
    DefinitionChangeNotifier changes,
    IOptions<IngestionOptions> ingestion,
    TimeProvider clock) : IDefinitionService<EventDefinitionModel>
{
    public const string HmacPurpose = "Dashboard.EventDefinitions.HmacSecret";

    public async Task<EventDefinitionModel?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entity = await db.EventDefinitions.AsNoTracking()
            .Include(e => e.Bindings).ThenInclude(b => b.WorkflowDefinition)
            .FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return entity is null ? null : EventDefinitionModel.From(entity);
    }

    public Task<SaveResult> SaveAsync(EventDefinitionModel model, Actor actor, CancellationToken cancellationToken) =>
        DefinitionTransactions.SaveAsync(dbFactory, changes, db => SaveInContextAsync(db, model, actor, cancellationToken), cancellationToken);

    /// <summary>Checks and stages one definition in <paramref name="db"/> and saves; the caller owns the transaction.</summary>
    internal async Task<SaveResult> SaveInContextAsync(DashboardDbContext db, EventDefinitionModel model, Actor actor, CancellationToken cancellationToken)
    {
        var errors = DefinitionRules.Check(model, ingestion.Value.MaxSyncTimeoutSeconds);
        if (errors.Count > 0)
        {
            return SaveResult.Failed(errors);
        }

        if (await db.EventDefinitions.AnyAsync(e => e.Key == model.Key && e.Id != model.Id, cancellationToken))
        {
            return SaveResult.Failed("key", $"An event definition with key '{model.Key}' already exists.");
        }

        var route = DefinitionRules.HasRoute(model.SourceKind) ? DefinitionRules.NormalizeRoute(model.HttpRoute!) : null;
        if (route is not null && await db.EventDefinitions.AnyAsync(e => e.HttpRoute == route && e.Id != model.Id, cancellationToken))
        {
            return SaveResult.Failed("httpRoute", $"The route '{route}' is already used by another definition (HTTP and WebSocket routes share one namespace).");
        }

        var workflows = await db.WorkflowDefinitions.Where(w => model.WorkflowNames.Contains(w.Name)).ToListAsync(cancellationToken);
        var missing = model.WorkflowNames.Except(workflows.Select(w => w.Name)).ToList();
        if (missing.Count > 0)
        {
            return SaveResult.Failed("workflowNames", $"Unknown workflow(s): {string.Join(", ", missing)}.");
        }

        if (model.SourceKind is EventSourceKind.Manual or EventSourceKind.Cron && !string.IsNullOrEmpty(model.NewHmacSecret))
        {
            return SaveResult.Failed("newHmacSecret", "Manual and cron events are raised inside the app and never signed; they take no HMAC secret.");
        }

        var hasSecret = model.Id is { } existingId
            && await db.EventDefinitions.AnyAsync(e => e.Id == existingId && e.HmacSecretProtected != null, cancellationToken);
        if (model.AuthMode == EventAuthMode.Hmac && string.IsNullOrEmpty(model.NewHmacSecret) && !hasSecret)
        {
            return SaveResult.Failed("newHmacSecret", "HMAC authentication needs a secret (at least 16 characters).");
        }

        var now = clock.GetUtcNow();
        EventDefinition entity;
        if (model.Id is { } id)
        {
            entity = await db.EventDefinitions.Include(e => e.Bindings).FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
                ?? throw new KeyNotFoundException($"Event definition {id} no longer exists.");
        }
        else
        {
            entity = new EventDefinition { Key = model.Key, CreatedAt = now };
            db.EventDefinitions.Add(entity);
        }

        Apply(model, entity, route, now);
        entity.Bindings.RemoveAll(b => !workflows.Any(w => w.Id == b.WorkflowDefinitionId));
        foreach (var workflow in workflows.Where(w => entity.Bindings.All(b => b.WorkflowDefinitionId != w.Id)))
        {
            entity.Bindings.Add(new WorkflowBinding { WorkflowDefinition = workflow });
        }

        await db.SaveChangesAsync(cancellationToken);
        var version = await EventDefinitionHistory.AddIfChangedAsync(db, entity, workflows.Select(w => w.Name), actor, now, cancellationToken);
        AuditLog.Add(db, actor, model.Id is null ? "event-definition.create" : "event-definition.update", model.Key,
            version is { } number ? $"version {number}" : "unchanged");
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult.Saved(entity.Id);
    }

    private void Apply(EventDefinitionModel model, EventDefinition entity, string? route, DateTimeOffset now)
    {
        entity.Key = model.Key;
        entity.Description = model.Description ?? "";
        entity.SourceKind = model.SourceKind;
        entity.HttpRoute = route;
        entity.HttpMethod = model.HttpMethod;
        entity.NatsSubject = model.SourceKind == EventSourceKind.Nats ? model.NatsSubject : null;
        entity.NatsWrapNonCloudEvents = model.NatsWrapNonCloudEvents;
        entity.NatsStream = model.SourceKind == EventSourceKind.Nats && !string.IsNullOrWhiteSpace(model.NatsStream) ? model.NatsStream.Trim() : null;
        var rabbit = model.SourceKind == EventSourceKind.RabbitMq;
        entity.RabbitQueue = rabbit ? model.RabbitQueue?.Trim() : null;
        entity.RabbitDeclareQueue = rabbit && model.RabbitDeclareQueue;
        entity.RabbitExchange = rabbit ? NullIfBlank(model.RabbitExchange) : null;
        entity.RabbitRoutingKey = rabbit && entity.RabbitExchange is not null ? model.RabbitRoutingKey?.Trim() ?? "" : null;
        entity.RabbitPrefetch = model.RabbitPrefetch;
        entity.CronMissedFirePolicy = model.CronMissedFirePolicy;
        entity.CronExpression = model.SourceKind == EventSourceKind.Cron ? model.CronExpression?.Trim() : null;
        entity.TimeZone = model.SourceKind == EventSourceKind.Cron ? NullIfBlank(model.TimeZone) ?? "UTC" : null;
        entity.TypeFilter = NullIfBlank(model.TypeFilter);
        entity.DataSchema = NullIfBlank(model.DataSchema);
        entity.AuthMode = model.AuthMode;
        if (!string.IsNullOrEmpty(model.NewHmacSecret))
        {
            entity.HmacSecretProtected = dataProtection.CreateProtector(HmacPurpose).Protect(model.NewHmacSecret);
        }

        entity.Enabled = model.Enabled;
        entity.Mode = model.Mode;
        entity.ResponseSchema = NullIfBlank(model.ResponseSchema);
        entity.SyncTimeoutSeconds = model.SyncTimeoutSeconds;
        entity.ValidationErrorBody = NullIfBlank(model.ValidationErrorBody);
        entity.UpdatedAt = now;
    }

    public async Task<bool> DeleteAsync(long id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entity = await db.EventDefinitions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entity is null)
        {
            return false;
        }

        db.EventDefinitions.Remove(entity);
        AuditLog.Add(db, actor, "event-definition.delete", entity.Key);
        await db.SaveChangesAsync(cancellationToken);
        changes.NotifyChanged();
        return true;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
