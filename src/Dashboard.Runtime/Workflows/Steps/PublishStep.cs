using System.Text.Json.Nodes;
using Dashboard.Runtime.Workflows.Expressions;

namespace Dashboard.Runtime.Workflows.Steps;

/// <summary>
/// <c>publish</c>: emits a CloudEvent to the event definition <c>definition</c> (its key) through the same pipeline
/// as every other source. <c>type</c>, <c>subject</c> and <c>data</c> are templates. The event's source names the run
/// (<c>/workflows/&lt;name&gt;/runs/&lt;id&gt;</c>), its initiator is <c>workflow:&lt;name&gt;/run:&lt;id&gt;</c>, its
/// causation id is the run id, and its id is the step's idempotency key, so a re-executed publish is a duplicate.
/// </summary>
public sealed class PublishStep(IEventPublisher publisher) : IStepHandler
{
    public string Type => "publish";

    public static void Validate(StepValidation v)
    {
        v.Known("definition", "type", "subject", "data");
        if (v.TemplateString("definition", required: true) is { } key && Template.HasExpressions(key))
        {
            v.Error("definition", "The target definition is a fixed key, not a template.");
        }

        v.TemplateString("type", required: true);
        v.TemplateString("subject", required: false);
        v.Templates("data");
    }

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var key = JsonValues.AsString(context.Settings["definition"]) ?? "";
        var cloudEvent = new CloudNative.CloudEvents.CloudEvent(CloudNative.CloudEvents.CloudEventsSpecVersion.V1_0)
        {
            Id = context.IdempotencyKey,
            Source = new Uri($"/workflows/{context.WorkflowName}/runs/{context.RunId}", UriKind.Relative),
            Type = JsonValues.ToText(context.Render("type")),
            Time = context.Scope.Clock.GetUtcNow(),
        };
        if (context.Settings.ContainsKey("subject"))
        {
            cloudEvent.Subject = JsonValues.ToText(context.Render("subject"));
        }

        if (context.Settings.ContainsKey("data"))
        {
            cloudEvent.DataContentType = "application/json";
            cloudEvent.Data = System.Text.Json.JsonSerializer.SerializeToElement(context.Render("data"));
        }

        var input = new JsonObject { ["definition"] = key, ["event"] = JsonNode.Parse(Dashboard.CloudEventBindings.StrictJsonEventFormatter.Default.ConvertToJsonElement(cloudEvent).GetRawText()) };
        var request = new PublishRequest(key, cloudEvent, $"workflow:{context.WorkflowName}/run:{context.RunId}", context.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var result = await publisher.PublishAsync(request, cancellationToken).ConfigureAwait(false);
        var output = new JsonObject
        {
            ["status"] = result.Status,
            ["outcome"] = result.Outcome,
            ["eventId"] = context.IdempotencyKey,
            ["source"] = cloudEvent.Source!.OriginalString,
            ["seq"] = result.Seq,
            ["duplicate"] = result.Duplicate,
            ["workflows"] = new JsonArray(result.Workflows.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
        };
        if (result.Status is 200 or 202)
        {
            return StepOutcome.Continue(input, output);
        }

        var error = $"publishing to '{key}' was refused: {result.Status} {result.Outcome}{(result.Detail is null ? "" : $" ({result.Detail})")}";
        return result.Status is 429 or >= 500 ? StepOutcome.Retry(input, error, output) : StepOutcome.Fail(input, error, output);
    }
}
