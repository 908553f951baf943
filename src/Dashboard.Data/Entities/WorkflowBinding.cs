namespace Dashboard.Data.Entities;

/// <summary>Binds an event definition to a workflow that runs when the event is accepted.</summary>
public sealed class WorkflowBinding
{
    public long EventDefinitionId { get; set; }
    public long WorkflowDefinitionId { get; set; }
    public EventDefinition? EventDefinition { get; set; }
    public WorkflowDefinition? WorkflowDefinition { get; set; }
}
