using Dashboard.Data;
using Dashboard.Runtime.Access;
using Dashboard.Runtime.Common;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Runtime.Definitions.Yaml;

/// <summary>
/// Imports a YAML definitions document all-or-nothing: every definition is checked and saved inside one
/// transaction, which commits only if all succeed. A preview runs the same steps and rolls back.
/// </summary>
public sealed class DefinitionsImporter(
    IDbContextFactory<DashboardDbContext> dbFactory,
    EventDefinitionService events,
    WorkflowDefinitionService workflows,
    DefinitionChangeNotifier changes)
{
    public const int MaxDocumentLength = 4 * 1024 * 1024;

    public async Task<ImportResult> ImportAsync(string yaml, Actor actor, bool dryRun, CancellationToken cancellationToken)
    {
        if (yaml.Length > MaxDocumentLength)
        {
            return new([], [new ImportError(1, "document", $"The document is larger than {MaxDocumentLength / (1024 * 1024)} MiB.")], false);
        }

        var reader = new DefinitionsDocumentReader();
        reader.Read(yaml);
        if (reader.Errors.Count > 0)
        {
            return new([], reader.Errors, false);
        }

        var errors = new List<ImportError>();
        var plan = new List<ImportChange>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (model, lines) in reader.Workflows)
        {
            model.Id = await db.WorkflowDefinitions.Where(w => w.Name == model.Name).Select(w => (long?)w.Id).FirstOrDefaultAsync(cancellationToken);
            plan.Add(new("workflow", model.Name, model.Id is null ? "create" : "update"));
            var result = await workflows.SaveInContextAsync(db, model, actor, cancellationToken);
            errors.AddRange(result.Errors.Select(e => new ImportError(LineOf(lines, e.Field), $"workflow '{model.Name}'.{e.Field}", e.Message)));
        }

        foreach (var (model, lines) in reader.Events)
        {
            model.Id = await db.EventDefinitions.Where(e => e.Key == model.Key).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
            plan.Add(new("event", model.Key, model.Id is null ? "create" : "update"));
            var result = await events.SaveInContextAsync(db, model, actor, cancellationToken);
            errors.AddRange(result.Errors.Select(e => new ImportError(LineOf(lines, e.Field), $"event '{model.Key}'.{e.Field}", e.Message)));
        }

        if (errors.Count > 0 || dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new(plan, errors, false);
        }

        AuditLog.Add(db, actor, "definitions.import", null, $"{reader.Workflows.Count} workflows, {reader.Events.Count} events");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.NotifyChanged();
        return new(plan, [], true);
    }

    /// <summary>Maps a model field name (e.g. "httpRoute", "steps[2].name") to the line of the YAML key it came from.</summary>
    private static int LineOf(Dictionary<string, int> lines, string field)
    {
        var yamlKey = field switch
        {
            "httpRoute" => "route",
            "httpMethod" => "method",
            "natsSubject" => "subject",
            "cronExpression" => "schedule",
            "typeFilter" => "type",
            "dataSchema" => "schema",
            "newHmacSecret" => "hmacSecret",
            "workflowNames" => "workflows",
            _ when field.StartsWith("steps[", StringComparison.Ordinal) => field[..(field.IndexOf(']') + 1)],
            _ => field,
        };
        return lines.TryGetValue(yamlKey, out var line) ? line : lines["."];
    }
}
