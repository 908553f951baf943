namespace Dashboard.Data.Entities;

/// <summary>What runs when an event matches. Steps live in immutable <see cref="WorkflowVersion"/> rows.</summary>
public sealed class WorkflowDefinition
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public int CurrentVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<WorkflowVersion> Versions { get; set; } = [];
    public List<WorkflowBinding> Bindings { get; set; } = [];
}
