using Dashboard.Data;

namespace Dashboard.Web.Features.Workflows;

/// <summary>One line of the workflows list; a projection the grid filters and sorts in SQL.</summary>
public sealed class WorkflowRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public bool Enabled { get; init; }
    public int CurrentVersion { get; init; }
    public int BoundEvents { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static IQueryable<WorkflowRow> Query(DashboardDbContext db) =>
        db.WorkflowDefinitions.Select(w => new WorkflowRow
        {
            Id = w.Id,
            Name = w.Name,
            Description = w.Description,
            Enabled = w.Enabled,
            CurrentVersion = w.CurrentVersion,
            BoundEvents = w.Bindings.Count,
            UpdatedAt = w.UpdatedAt,
        });
}
