using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Workflows.Expressions;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>One step's settings being checked, with helpers that add errors such as <c>steps[2].settings.url</c>.</summary>
public sealed class StepValidation(IReadOnlyList<WorkflowStep> steps, int index, List<FieldError> errors)
{
    public IReadOnlyList<WorkflowStep> Steps { get; } = steps;
    public int Index { get; } = index;
    public JsonObject Settings => Steps[Index].Settings;
    public string Field => $"steps[{Index}].settings";

    public void Error(string setting, string message) => errors.Add(new FieldError($"{Field}.{setting}", message));

    public void Known(params string[] names)
    {
        foreach (var (name, _) in Settings)
        {
            if (name != "retry" && !names.Contains(name))
            {
                Error(name, $"Unknown setting '{name}'. Known: {string.Join(", ", names.Append("retry"))}.");
            }
        }
    }

    /// <summary>A required or optional string that may hold templates.</summary>
    public string? TemplateString(string name, bool required)
    {
        if (!Settings.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                Error(name, "Required.");
            }

            return null;
        }

        if (JsonValues.AsString(node) is not { } text)
        {
            Error(name, $"Must be a string, not {JsonValues.Kind(node)}.");
            return null;
        }

        if (required && text.Trim().Length == 0)
        {
            Error(name, "Required.");
        }

        Templates(name);
        return text;
    }

    /// <summary>Checks every template inside a setting of any JSON shape.</summary>
    public void Templates(string name)
    {
        if (Settings.TryGetPropertyValue(name, out var node))
        {
            SettingsTemplates.Check(node, $"{Field}.{name}", errors);
        }
    }

    /// <summary>An optional number in a range, or a template that yields one at run time.</summary>
    public decimal? Number(string name, decimal min, decimal max, bool required = false)
    {
        if (!Settings.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                Error(name, "Required.");
            }

            return null;
        }

        if (JsonValues.AsString(node) is { } text && Template.HasExpressions(text))
        {
            Templates(name);
            return null;
        }

        if (!JsonValues.TryNumber(node, out var number))
        {
            Error(name, $"Must be a number, not {JsonValues.Kind(node)}.");
            return null;
        }

        if (number < min || number > max)
        {
            Error(name, $"Must be between {min} and {max}.");
        }

        return number;
    }

    public JsonObject? Object(string name, bool required)
    {
        if (!Settings.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (required)
            {
                Error(name, "Required.");
            }

            return null;
        }

        if (node is not JsonObject obj)
        {
            Error(name, $"Must be an object, not {JsonValues.Kind(node)}.");
            return null;
        }

        return obj;
    }

    public bool Has(string name) => Settings.TryGetPropertyValue(name, out var node) && node is not null && node.GetValueKind() != JsonValueKind.Null;
}
