using Dashboard.Data.Entities;
using Dashboard.Runtime.Definitions;

namespace Dashboard.Web.Features.Workflows;

/// <summary>A workflow version as the API returns it.</summary>
public sealed record WorkflowVersionInfo(int Version, DateTimeOffset CreatedAt, string? CreatedBy, IReadOnlyList<WorkflowStep> Steps)
{
    public static WorkflowVersionInfo From(WorkflowVersion version) =>
        new(version.Version, version.CreatedAt, version.CreatedBy, WorkflowStep.Deserialize(version.StepsJson));
}
