using System.Text.Json.Nodes;
using Dashboard.Data;
using Dashboard.JsonSchema;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Workflows.Expressions;
using Dashboard.Runtime.Workflows.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Runtime.Workflows.DryRun;

/// <summary>
/// Runs a workflow version against a sample event without side effects: nothing is stored, http and publish steps are
/// not executed but report what they would send (their rendered settings), and a delay does not wait. Every other step
/// runs as it would in a real run, so templates, conditions and transforms are checked for real.
/// </summary>
public sealed class WorkflowDryRun(IDbContextFactory<DashboardDbContext> dbFactory, IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly HashSet<string> Simulated = new(StringComparer.Ordinal) { "http", "publish", "delay" };

    public async Task<DryRunSample?> SampleAsync(long workflowId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.WorkflowDefinitions.AnyAsync(w => w.Id == workflowId, cancellationToken))
        {
            return null;
        }

        var definition = await db.WorkflowBindings.AsNoTracking().Where(b => b.WorkflowDefinitionId == workflowId)
            .Select(b => b.EventDefinition!).OrderBy(e => e.Key).FirstOrDefaultAsync(cancellationToken);
        var data = "{}";
        if (!string.IsNullOrWhiteSpace(definition?.DataSchema))
        {
            try
            {
                data = JsonSchemaExample.Generate(definition.DataSchema);
            }
            catch (JsonSchemaCompileException)
            {
            }
        }

        var type = definition is null ? "dry.run" : string.IsNullOrWhiteSpace(definition.TypeFilter) ? definition.Key : definition.TypeFilter;
        return new DryRunSample(definition?.Key, type, JsonNode.Parse(data));
    }

    public async Task<(DryRunStatus Status, DryRunResult? Result, string? Error)> RunAsync(long workflowId, int? version, JsonNode? data, string? type,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workflow = await db.WorkflowDefinitions.AsNoTracking().FirstOrDefaultAsync(w => w.Id == workflowId, cancellationToken);
        if (workflow is null)
        {
            return (DryRunStatus.NotFound, null, $"No workflow {workflowId}.");
        }

        var number = version ?? workflow.CurrentVersion;
        var stored = await db.WorkflowVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.WorkflowDefinitionId == workflowId && v.Version == number, cancellationToken);
        if (stored is null)
        {
            return (DryRunStatus.Invalid, null, $"Workflow {workflow.Name} has no version {number}.");
        }

        var cloudEvent = new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = "dry-run", ["source"] = "/dry-run", ["type"] = string.IsNullOrWhiteSpace(type) ? "dry.run" : type,
            ["time"] = clock.GetUtcNow().ToString("O"), ["datacontenttype"] = "application/json", ["data"] = data?.DeepClone(), ["seq"] = 0,
        };
        await using var scope = scopes.CreateAsyncScope();
        var handlers = scope.ServiceProvider.GetServices<IStepHandler>().Where(h => !Simulated.Contains(h.Type)).ToDictionary(h => h.Type, StringComparer.Ordinal);
        var run = new DryRunExecution(workflow.Id, workflow.Name, number, WorkflowStep.Deserialize(stored.StepsJson), handlers,
            new ExpressionScope(cloudEvent, [], [], clock));
        return (DryRunStatus.Done, await run.ExecuteAsync(cancellationToken).ConfigureAwait(false), null);
    }
}
