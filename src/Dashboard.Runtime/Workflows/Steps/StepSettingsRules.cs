using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>The settings check of every step type, used when a workflow is saved.</summary>
public sealed class StepSettingsRules : IStepSettingsCheck
{
    private static readonly Dictionary<string, Action<StepValidation>> Validators = new(StringComparer.Ordinal)
    {
        ["log"] = LogStep.Validate,
        ["set"] = SetStep.Validate,
        ["transform"] = TransformStep.Validate,
        ["http"] = HttpStep.Validate,
        ["publish"] = PublishStep.Validate,
        ["delay"] = DelayStep.Validate,
        ["condition"] = ConditionStep.Validate,
        ["fail"] = FailStep.Validate,
        ["respond"] = RespondStep.Validate,
    };

    /// <summary>Adds errors such as <c>steps[2].settings.url</c> for each step whose settings are invalid.</summary>
    public void Check(IReadOnlyList<WorkflowStep> steps, List<FieldError> errors)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Settings is null || !Validators.TryGetValue(steps[i].Type ?? "", out var validate))
            {
                continue;
            }

            var validation = new StepValidation(steps, i, errors);
            validate(validation);
            RetryPolicy.Validate(validation);
        }
    }
}
