using Dashboard.Runtime.Common;

namespace Dashboard.Runtime.Definitions;

/// <summary>
/// The settings check of each step type, which only the workflow runtime knows (it implements this); definitions ask
/// through it so they never reach into the runtime's step types.
/// </summary>
public interface IStepSettingsCheck
{
    /// <summary>Adds errors such as <c>steps[2].settings.url</c> for each step whose settings are invalid.</summary>
    void Check(IReadOnlyList<WorkflowStep> steps, List<FieldError> errors);
}
