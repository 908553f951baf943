using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Runtime.Definitions;

/// <summary>Creates and edits workflows. Changed steps become a new immutable version; old versions stay readable.</summary>
public sealed class WorkflowDefinitionService(
    IDbContextFactory<DashboardDbContext> dbFactory,
    DefinitionChangeNotifier changes,
    IStepSettingsCheck stepSettings,
    TimeProvider clock) : IDefinitionService<WorkflowDefinitionModel>
{
    public async Task<WorkflowDefinitionModel?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entity = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var current = await db.WorkflowVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.WorkflowDefinitionId == id && v.Version == entity.CurrentVersion, cancellationToken);
        return WorkflowDefinitionModel.From(entity, current);
    }

    public async Task<IReadOnlyList<WorkflowVersion>> GetVersionsAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WorkflowVersions.AsNoTracking()
            .Where(v => v.WorkflowDefinitionId == id)
            .OrderByDescending(v => v.Version)
            .ToListAsync(cancellationToken);
    }

    public Task<SaveResult> SaveAsync(WorkflowDefinitionModel model, Actor actor, CancellationToken cancellationToken) =>
        DefinitionTransactions.SaveAsync(dbFactory, changes, db => SaveInContextAsync(db, model, actor, cancellationToken), cancellationToken);

    internal async Task<SaveResult> SaveInContextAsync(DashboardDbContext db, WorkflowDefinitionModel model, Actor actor, CancellationToken cancellationToken)
    {
        var errors = WorkflowRules.Check(model, stepSettings);
        if (errors.Count > 0)
        {
            return SaveResult.Failed(errors);
        }

        if (await db.WorkflowDefinitions.AnyAsync(w => w.Name == model.Name && w.Id != model.Id, cancellationToken))
        {
            return SaveResult.Failed("name", $"A workflow named '{model.Name}' already exists.");
        }

        var now = clock.GetUtcNow();
        var stepsJson = WorkflowStep.Serialize(model.Steps);
        WorkflowDefinition entity;
        string? currentSteps = null;
        if (model.Id is { } id)
        {
            entity = await db.WorkflowDefinitions.FirstOrDefaultAsync(w => w.Id == id, cancellationToken)
                ?? throw new KeyNotFoundException($"Workflow {id} no longer exists.");
            currentSteps = await db.WorkflowVersions
                .Where(v => v.WorkflowDefinitionId == id && v.Version == entity.CurrentVersion)
                .Select(v => v.StepsJson).FirstOrDefaultAsync(cancellationToken);
        }
        else
        {
            entity = new WorkflowDefinition { Name = model.Name, CreatedAt = now };
            db.WorkflowDefinitions.Add(entity);
        }

        entity.Name = model.Name;
        entity.Description = model.Description ?? "";
        entity.Enabled = model.Enabled;
        entity.UpdatedAt = now;
        if (currentSteps != stepsJson)
        {
            entity.CurrentVersion++;
            entity.Versions.Add(new WorkflowVersion
            {
                Version = entity.CurrentVersion,
                StepsJson = stepsJson,
                CreatedAt = now,
                CreatedBy = actor.Name,
            });
        }

        AuditLog.Add(db, actor, model.Id is null ? "workflow.create" : "workflow.update", model.Name, $"version {entity.CurrentVersion}");
        await db.SaveChangesAsync(cancellationToken);
        return SaveResult.Saved(entity.Id);
    }

    public async Task<bool> DeleteAsync(long id, Actor actor, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entity = await db.WorkflowDefinitions.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (entity is null)
        {
            return false;
        }

        db.WorkflowDefinitions.Remove(entity);
        AuditLog.Add(db, actor, "workflow.delete", entity.Name);
        await db.SaveChangesAsync(cancellationToken);
        changes.NotifyChanged();
        return true;
    }
}
