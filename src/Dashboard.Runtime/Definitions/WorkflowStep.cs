using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Dashboard.Runtime.Definitions;

/// <summary>One step of a workflow: a unique name, a step type, and that type's settings object.</summary>
public sealed record WorkflowStep(string Name, string Type, JsonObject Settings)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(IReadOnlyList<WorkflowStep> steps) => JsonSerializer.Serialize(steps, JsonOptions);

    public static IReadOnlyList<WorkflowStep> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<WorkflowStep>>(json, JsonOptions) ?? [];
}
