namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>Executes one step type. Settings are checked when the workflow is saved (<see cref="StepSettingsRules"/>).</summary>
public interface IStepHandler
{
    string Type { get; }

    Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken);
}
