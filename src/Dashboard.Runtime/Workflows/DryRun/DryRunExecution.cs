using System.Text.Json.Nodes;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Workflows.Expressions;
using Dashboard.Runtime.Workflows.Steps;

namespace Dashboard.Runtime.Workflows.DryRun;

/// <summary>One dry run's step loop: the real handlers for in-process steps, a report of the rendered settings for the others.</summary>
internal sealed class DryRunExecution(
    long workflowId, string workflowName, int version, IReadOnlyList<WorkflowStep> steps, IReadOnlyDictionary<string, IStepHandler> handlers, ExpressionScope scope)
{
    private readonly List<DryRunStep> _results = [];

    public async Task<DryRunResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        var index = 0;
        // Conditions jump forward only; the bound guards against a loop all the same.
        for (var guard = 0; index < steps.Count && guard < steps.Count * 4; guard++)
        {
            var context = new StepContext
            {
                RunId = 0, WorkflowId = workflowId, WorkflowName = workflowName, WorkflowVersion = version, Steps = steps, Index = index, Attempt = 1, Scope = scope,
            };
            var step = context.Step;
            StepOutcome outcome;
            var simulated = !handlers.ContainsKey(step.Type);
            try
            {
                outcome = handlers.TryGetValue(step.Type, out var handler)
                    ? await handler.ExecuteAsync(context, cancellationToken).ConfigureAwait(false)
                    : Simulate(context);
            }
            catch (TemplateFieldException ex)
            {
                outcome = StepOutcome.Fail(null, $"step '{step.Name}' {ex.Message}");
            }

            if (outcome.Kind is StepOutcomeKind.Failed or StepOutcomeKind.Retryable)
            {
                _results.Add(new DryRunStep(index, step.Name, step.Type, "Failed", outcome.Input, outcome.Output, outcome.Error));
                return new DryRunResult(version, false, outcome.Error, _results, scope.Variables);
            }

            scope.Steps[step.Name] = new JsonObject { ["output"] = outcome.Output?.DeepClone() };
            _results.Add(new DryRunStep(index, step.Name, step.Type, simulated ? "Simulated" : "Succeeded", outcome.Input, outcome.Output, null));
            var next = outcome.Kind switch
            {
                StepOutcomeKind.End => steps.Count,
                StepOutcomeKind.GoTo => IndexOf(outcome.Target!, index),
                _ => index + 1,
            };
            for (var skipped = index + 1; skipped < next && skipped < steps.Count; skipped++)
            {
                _results.Add(new DryRunStep(skipped, steps[skipped].Name, steps[skipped].Type, "Skipped", null, null, $"skipped by condition '{step.Name}'"));
            }

            index = next;
        }

        return new DryRunResult(version, true, null, _results, scope.Variables);
    }

    /// <summary>An outside effect not performed: the step's settings as they would be sent, rendered against the sample.</summary>
    private static StepOutcome Simulate(StepContext context)
    {
        var wouldSend = new JsonObject();
        foreach (var (name, _) in context.Settings)
        {
            wouldSend[name] = context.Render(name)?.DeepClone();
        }

        var output = new JsonObject { ["dryRun"] = true, ["notExecuted"] = $"{context.Step.Type} steps are not executed in a dry run", ["wouldSend"] = wouldSend };
        return StepOutcome.Continue(wouldSend.DeepClone(), output);
    }

    private int IndexOf(string name, int current)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Name == name)
            {
                return i;
            }
        }

        return current + 1;
    }
}
