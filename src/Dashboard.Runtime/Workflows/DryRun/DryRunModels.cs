using System.Text.Json.Nodes;

namespace Dashboard.Runtime.Workflows.DryRun;

/// <summary>What a step did in a dry run: Succeeded, Failed, Skipped (by a condition), or Simulated (an outside effect not performed).</summary>
public sealed record DryRunStep(int Index, string Name, string Type, string State, JsonNode? Input, JsonNode? Output, string? Error);

/// <summary>A dry run's result: every step in order, the variables at the end, and why it stopped when it failed.</summary>
public sealed record DryRunResult(int WorkflowVersion, bool Succeeded, string? Error, IReadOnlyList<DryRunStep> Steps, JsonObject Variables);

/// <summary>A sample event for a workflow's dry run: built from the JSON Schema of the definition it is bound to (or <c>{}</c>).</summary>
public sealed record DryRunSample(string? DefinitionKey, string Type, JsonNode? Data);

public enum DryRunStatus
{
    Done,
    NotFound,
    Invalid,
}
