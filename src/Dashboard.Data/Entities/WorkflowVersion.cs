namespace Dashboard.Data.Entities;

/// <summary>An immutable snapshot of a workflow's steps. Editing a workflow adds a version; runs keep the one they ran.</summary>
public sealed class WorkflowVersion
{
    public long Id { get; set; }
    public long WorkflowDefinitionId { get; set; }
    public int Version { get; set; }

    /// <summary>The ordered steps as a JSON array of <c>{ "name", "type", "settings" }</c>.</summary>
    public required string StepsJson { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public WorkflowDefinition? WorkflowDefinition { get; set; }
}
