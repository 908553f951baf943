using System.Text.Json.Nodes;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Workflows.Expressions;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>Everything a step sees while it runs.</summary>
public sealed class StepContext
{
    public required long RunId { get; init; }
    public required long WorkflowId { get; init; }
    public required string WorkflowName { get; init; }
    public required int WorkflowVersion { get; init; }
    public required IReadOnlyList<WorkflowStep> Steps { get; init; }
    public required int Index { get; init; }
    public required int Attempt { get; init; }
    public required ExpressionScope Scope { get; init; }

    public WorkflowStep Step => Steps[Index];
    public JsonObject Settings => Step.Settings;

    /// <summary>Stable across retries and restarts of this step of this run: run id, step index and workflow version.</summary>
    public string IdempotencyKey => StepKeys.IdempotencyKey(RunId, Index, WorkflowVersion);

    /// <summary>The rendered value of one setting (null when absent); errors name <c>settings.&lt;name&gt;</c> and the position.</summary>
    public JsonNode? Render(string setting) =>
        Settings.TryGetPropertyValue(setting, out var node) ? SettingsTemplates.Render(node, Scope, $"settings.{setting}") : null;
}

public static class StepKeys
{
    public static string IdempotencyKey(long runId, int index, int version) => $"run-{runId}-step-{index}-v{version}";
}
