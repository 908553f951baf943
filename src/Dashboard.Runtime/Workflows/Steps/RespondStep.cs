using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Runtime.Workflows.Expressions;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>
/// <c>respond</c>: ends the run as succeeded with the response a sync caller gets: <c>status</c> (200-599 or a template,
/// default 200) and <c>body</c> (any JSON; every string in it is a template). Its output is <c>{status, body}</c>.
/// For an async event it simply ends the run with that output.
/// </summary>
public sealed class RespondStep : IStepHandler
{
    public string Type => "respond";

    public static void Validate(StepValidation v)
    {
        v.Known("status", "body");
        v.Number("status", 200, 599);
        v.Templates("body");
    }

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var status = Status(context, "status", 200);
        if (status is null or < 200 or > 599)
        {
            return Task.FromResult(StepOutcome.Fail(null, $"step '{context.Step.Name}' settings.status: {status?.ToString(CultureInfo.InvariantCulture) ?? "not a number"} is not a status from 200 to 599"));
        }

        var output = new JsonObject { ["status"] = status, ["body"] = context.Render("body") };
        return Task.FromResult(new StepOutcome(StepOutcomeKind.End, null, output));
    }

    /// <summary>The rendered status setting as a whole number, <paramref name="fallback"/> when absent, null when not a number.</summary>
    internal static int? Status(StepContext context, string setting, int fallback)
    {
        if (!context.Settings.ContainsKey(setting))
        {
            return fallback;
        }

        var node = context.Render(setting);
        if (JsonValues.TryNumber(node, out var number) && number == decimal.Truncate(number) && number is >= 0 and <= 999)
        {
            return (int)number;
        }

        return JsonValues.AsString(node) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }
}
