using System.Text.Json.Nodes;
using Dashboard.Runtime.Workflows.Expressions;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>
/// <c>delay</c>: waits <c>seconds</c> (a number or a template yielding one) durably: the resume time is stored with
/// the run and the worker is released; after a restart the run continues at that time.
/// </summary>
public sealed class DelayStep : IStepHandler
{
    public const decimal MaxSeconds = 30 * 24 * 3600;

    public string Type => "delay";

    public static void Validate(StepValidation v)
    {
        v.Known("seconds");
        v.Number("seconds", 0, MaxSeconds, required: true);
    }

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var rendered = context.Render("seconds");
        if (!JsonValues.TryNumber(rendered, out var seconds) && !(JsonValues.AsString(rendered) is { } text && decimal.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out seconds)))
        {
            return Task.FromResult(StepOutcome.Fail(null, $"settings.seconds: expected a number of seconds, got {JsonValues.Kind(rendered)} '{JsonValues.ToText(rendered)}'"));
        }

        if (seconds < 0 || seconds > MaxSeconds)
        {
            return Task.FromResult(StepOutcome.Fail(null, $"settings.seconds: {seconds} is outside 0 to {MaxSeconds}"));
        }

        var resumeAt = context.Scope.Clock.GetUtcNow().AddSeconds((double)seconds);
        var output = new JsonObject { ["seconds"] = seconds, ["resumeAt"] = resumeAt.ToString("O") };
        return Task.FromResult(new StepOutcome(StepOutcomeKind.Delay, new JsonObject { ["seconds"] = seconds }, output) { ResumeAt = resumeAt });
    }
}
