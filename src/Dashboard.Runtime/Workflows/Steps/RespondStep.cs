using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Runtime.Workflows.Expressions;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>
/// <c>respond</c>: ends the run as succeeded with the response a sync caller gets: <c>status</c> (2xx, 4xx or 5xx, or a template,
/// default 200) and <c>body</c> (any JSON; every string in it is a template). Its output is <c>{status, body}</c>.
/// For an async event it simply ends the run with that output.
/// </summary>
public sealed class RespondStep : IStepHandler
{
    public string Type => "respond";

    public static void Validate(StepValidation v)
    {
        v.Known("status", "body");
        if (v.Number("status", 200, 599) is >= 300 and < 400)
        {
            v.Error("status", "A sync event never answers a redirect (3xx): use 2xx, 4xx or 5xx.");
        }

        v.Templates("body");
    }

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var status = Status(context, "status", 200);
        if (status is null or < 200 or > 599 or (>= 300 and < 400))
        {
            return Task.FromResult(StepOutcome.Fail(null, $"step '{context.Step.Name}' settings.status: {status?.ToString(CultureInfo.InvariantCulture) ?? "not a number"} is not a 2xx, 4xx or 5xx status"));
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
