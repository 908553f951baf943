using Dashboard.Runtime.Common;

namespace Dashboard.Runtime.Definitions;

/// <summary>Field-level checks for workflows; step settings are checked per type through <see cref="IStepSettingsCheck"/>.</summary>
public static class WorkflowRules
{
    public const int MaxSteps = 100;

    public static List<FieldError> Check(WorkflowDefinitionModel model, IStepSettingsCheck stepSettings)
    {
        var errors = new List<FieldError>();
        DefinitionRules.CheckName(errors, "name", model.Name, DefinitionRules.NamePattern, "lowercase letters, digits, '.', '_' and '-'");
        DefinitionRules.CheckLength(errors, "description", model.Description, DefinitionRules.MaxDescriptionLength);
        if (model.Steps.Count > MaxSteps)
        {
            errors.Add(new("steps", $"At most {MaxSteps} steps."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < model.Steps.Count; i++)
        {
            var step = model.Steps[i];
            var field = $"steps[{i}]";
            DefinitionRules.CheckName(errors, $"{field}.name", step.Name, DefinitionRules.NamePattern, "lowercase letters, digits, '.', '_' and '-'");
            if (!string.IsNullOrEmpty(step.Name) && !seen.Add(step.Name))
            {
                errors.Add(new($"{field}.name", $"Step name '{step.Name}' is used twice."));
            }

            if (!StepTypes.IsKnown(step.Type))
            {
                errors.Add(new($"{field}.type", $"Unknown step type '{step.Type}'. Known: {string.Join(", ", StepTypes.Descriptions.Keys)}."));
            }

            if (step.Settings.ToJsonString().Length > DefinitionRules.MaxSettingsLength)
            {
                errors.Add(new($"{field}.settings", $"Settings are longer than {DefinitionRules.MaxSettingsLength / 1024} KiB."));
            }
        }

        stepSettings.Check(model.Steps, errors);
        return errors;
    }
}
