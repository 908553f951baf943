using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Runtime.Definitions;

namespace Dashboard.Web.Features.Workflows;

/// <summary>The ordered step list of the workflow editor: add, remove, reorder and convert back to steps.</summary>
public sealed class StepsEditorState
{
    public List<StepDraft> Steps { get; } = [];

    public static StepsEditorState From(IEnumerable<WorkflowStep> steps)
    {
        var state = new StepsEditorState();
        state.Steps.AddRange(steps.Select(s => new StepDraft
        {
            Name = s.Name,
            Type = s.Type,
            SettingsText = s.Settings.ToJsonString(WorkflowStep.JsonOptions),
        }));
        return state;
    }

    public void Add(string type)
    {
        var number = Steps.Count + 1;
        while (Steps.Any(s => s.Name == $"{type}-{number}"))
        {
            number++;
        }

        Steps.Add(new StepDraft { Name = $"{type}-{number}", Type = type });
    }

    public void Remove(int index)
    {
        if (index >= 0 && index < Steps.Count)
        {
            Steps.RemoveAt(index);
        }
    }

    public void Move(int index, int offset)
    {
        var target = index + offset;
        if (index < 0 || index >= Steps.Count || target < 0 || target >= Steps.Count)
        {
            return;
        }

        (Steps[index], Steps[target]) = (Steps[target], Steps[index]);
    }

    /// <summary>Parses every step's settings; on any error sets <see cref="StepDraft.ParseError"/> there and returns null.</summary>
    public List<WorkflowStep>? TryBuild()
    {
        var result = new List<WorkflowStep>();
        foreach (var step in Steps)
        {
            step.ParseError = null;
            var settings = Parse(step);
            if (settings is not null)
            {
                result.Add(new WorkflowStep(step.Name.Trim(), step.Type, settings));
            }
        }

        return Steps.Any(s => s.ParseError is not null) ? null : result;
    }

    private static JsonObject? Parse(StepDraft step)
    {
        if (string.IsNullOrWhiteSpace(step.SettingsText))
        {
            return [];
        }

        try
        {
            if (JsonNode.Parse(step.SettingsText) is JsonObject settings)
            {
                return settings;
            }

            step.ParseError = "Settings must be a JSON object, like { \"message\": \"hello\" }.";
        }
        catch (JsonException ex)
        {
            step.ParseError = $"Not valid JSON: {ex.Message}";
        }

        return null;
    }
}
