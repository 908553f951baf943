using System.Text.Json.Nodes;
using Dashboard.Data.Entities;

namespace Dashboard.Runtime.Definitions;

/// <summary>The editable shape of a workflow definition; <see cref="Steps"/> become a new version when they change.</summary>
public sealed class WorkflowDefinitionModel
{
    public long? Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public List<WorkflowStep> Steps { get; set; } = [];
    public int CurrentVersion { get; set; }

    public static WorkflowDefinitionModel From(WorkflowDefinition entity, WorkflowVersion? current) => new()
    {
        Id = entity.Id,
        Name = entity.Name,
        Description = entity.Description,
        Enabled = entity.Enabled,
        CurrentVersion = entity.CurrentVersion,
        Steps = current is null ? [] : WorkflowStep.Deserialize(current.StepsJson).ToList(),
    };

    public static WorkflowStep NewStep(string name, string type) => new(name, type, new JsonObject());
}
