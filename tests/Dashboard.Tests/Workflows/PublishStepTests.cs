using Dashboard.Runtime.Workflows.Steps;
using static Dashboard.Tests.Workflows.WorkflowTestData;

namespace Dashboard.Tests.Workflows;

public sealed class PublishStepTests
{
    private const string Settings = """{"definition":"orders.shipped","type":"com.example.order.shipped","subject":"{{ event.data.order.id }}","data":{"id":"{{ event.data.order.id }}"}}""";

    [Fact]
    public async Task ExecuteAsync_Accepted_SendsEventNamingTheRunAsSourceInitiatorAndCause()
    {
        var publisher = new FakePublisher(new PublishResult(202, "Accepted", null, 99, false, ["ship-flow"]));

        var outcome = await new PublishStep(publisher).ExecuteAsync(Context([Step("emit", "publish", Settings)]), default);

        var sent = Assert.Single(publisher.Sent);
        Assert.Equal(StepOutcomeKind.Continue, outcome.Kind);
        Assert.Equal("orders.shipped", sent.DefinitionKey);
        Assert.Equal("workflow:orders/run:42", sent.Initiator);
        Assert.Equal("42", sent.CausationId);
        Assert.Equal("/workflows/orders/runs/42", sent.CloudEvent.Source!.OriginalString);
        Assert.Equal("run-42-step-0-v3", sent.CloudEvent.Id);
        Assert.Equal("""{"id":"A-17"}""", ((System.Text.Json.JsonElement)sent.CloudEvent.Data!).GetRawText());
        Assert.Equal(99, outcome.Output!["seq"]!.GetValue<long>());
    }

    [Fact]
    public async Task ExecuteAsync_PublishedEvent_DecodesWithTheSdkUnchanged()
    {
        var publisher = new FakePublisher(new PublishResult(202, "Accepted", null, 1, false, []));
        await new PublishStep(publisher).ExecuteAsync(Context([Step("emit", "publish", Settings)]), default);
        var body = Dashboard.CloudEventBindings.StrictJsonEventFormatter.Default.EncodeStructuredModeMessage(Assert.Single(publisher.Sent).CloudEvent, out var contentType);

        var decoded = new CloudNative.CloudEvents.SystemTextJson.JsonEventFormatter().DecodeStructuredModeMessage(body, contentType, null);

        Assert.Equal(("run-42-step-0-v3", "/workflows/orders/runs/42", "application/json"), (decoded.Id, decoded.Source!.OriginalString, decoded.DataContentType));
        Assert.Equal("""{"id":"A-17"}""", ((System.Text.Json.JsonElement)decoded.Data!).GetRawText());
    }

    [Theory]
    [InlineData(400, StepOutcomeKind.Failed)]
    [InlineData(404, StepOutcomeKind.Failed)]
    [InlineData(429, StepOutcomeKind.Retryable)]
    public async Task ExecuteAsync_Refused_FailsOrRetries(int status, StepOutcomeKind expected)
    {
        var publisher = new FakePublisher(new PublishResult(status, "Refused", "because", null, false, []));

        var outcome = await new PublishStep(publisher).ExecuteAsync(Context([Step("emit", "publish", Settings)]), default);

        Assert.Equal(expected, outcome.Kind);
        Assert.Contains("because", outcome.Error, StringComparison.Ordinal);
    }

    private sealed class FakePublisher(PublishResult result) : IEventPublisher
    {
        public List<PublishRequest> Sent { get; } = [];

        public Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
        {
            Sent.Add(request);
            return Task.FromResult(result);
        }
    }
}
