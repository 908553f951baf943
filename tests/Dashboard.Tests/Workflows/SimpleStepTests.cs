using System.Text.Json.Nodes;
using Dashboard.Runtime.Workflows.Expressions;
using Dashboard.Runtime.Workflows.Steps;
using Microsoft.Extensions.Logging.Abstractions;
using static Dashboard.Tests.Workflows.WorkflowTestData;

namespace Dashboard.Tests.Workflows;

public sealed class SimpleStepTests
{
    [Fact]
    public async Task LogStep_MessageTemplate_RendersIntoOutput()
    {
        var context = Context([Step("note", "log", """{"message":"order {{ event.data.order.id }}"}""")]);

        var outcome = await new LogStep(NullLogger<LogStep>.Instance).ExecuteAsync(context, default);

        Assert.Equal(StepOutcomeKind.Continue, outcome.Kind);
        Assert.Equal("""{"message":"order A-17"}""", outcome.Output!.ToJsonString());
    }

    [Fact]
    public async Task SetStep_Variables_AreAssignedWithTheirJsonTypes()
    {
        var context = Context([Step("vars", "set", """{"variables":{"total":"{{ event.data.order.total }}","who":"{{ lower(event.data.customer) }}"}}""")]);

        var outcome = await new SetStep().ExecuteAsync(context, default);

        Assert.Equal(StepOutcomeKind.Continue, outcome.Kind);
        Assert.Equal("""{"total":120.5,"who":"ada"}""", context.Scope.Variables.ToJsonString());
    }

    [Fact]
    public async Task TransformStep_Template_BuildsObjectAndStoresVariable()
    {
        var steps = new JsonObject { ["prev"] = new JsonObject { ["output"] = new JsonObject { ["code"] = "X" } } };
        var context = Context(
            [Step("shape", "transform", """{"template":{"id":"{{ event.data.order.id }}","count":"{{ len(event.data.order.items) }}","code":"{{ steps.prev.output.code }}"},"variable":"shaped"}""")],
            scope: Scope(steps: steps));

        var outcome = await new TransformStep().ExecuteAsync(context, default);

        Assert.Equal("""{"id":"A-17","count":2,"code":"X"}""", outcome.Output!.ToJsonString());
        Assert.Equal(outcome.Output.ToJsonString(), context.Scope.Variables["shaped"]!.ToJsonString());
    }

    [Fact]
    public async Task TransformStep_MissingField_ThrowsNamingFieldPathAndPosition()
    {
        var context = Context([Step("shape", "transform", """{"template":{"id":"{{ event.data.order.number }}"}}""")]);

        var error = await Assert.ThrowsAsync<TemplateFieldException>(() => new TransformStep().ExecuteAsync(context, default));

        Assert.Equal("settings.template.id: position 21: missing field 'event.data.order.number'", error.Message);
    }

    [Theory]
    [InlineData("event.data.order.total > 100", StepOutcomeKind.GoTo, "notify")]
    [InlineData("event.data.order.total > 1000", StepOutcomeKind.End, null)]
    public async Task ConditionStep_Branches_FollowTheResult(string expression, StepOutcomeKind kind, string? target)
    {
        var condition = Step("check", "condition", $$"""{"expression":"{{expression}}","whenTrue":"notify","whenFalse":"end"}""");
        var context = Context([condition, Step("skipped", "log", "{}"), Step("notify", "log", "{}")]);

        var outcome = await new ConditionStep().ExecuteAsync(context, default);

        Assert.Equal(kind, outcome.Kind);
        Assert.Equal(target, outcome.Target);
    }

    [Fact]
    public async Task ConditionStep_DefaultBranch_Continues()
    {
        var context = Context([Step("check", "condition", """{"expression":"vars.missing == 1 or true"}""")]);

        var error = await Assert.ThrowsAsync<TemplateFieldException>(() => new ConditionStep().ExecuteAsync(context, default));
        var outcome = await new ConditionStep().ExecuteAsync(Context([Step("check", "condition", """{"expression":"not false"}""")]), default);

        Assert.Equal("settings.expression: position 6: missing field 'vars.missing'", error.Message);
        Assert.Equal(StepOutcomeKind.Continue, outcome.Kind);
    }

    [Fact]
    public async Task FailStep_Message_FailsWithRenderedMessage()
    {
        var outcome = await new FailStep().ExecuteAsync(Context([Step("stop", "fail", """{"message":"order {{ event.data.order.id }} rejected"}""")]), default);

        Assert.Equal(StepOutcomeKind.Failed, outcome.Kind);
        Assert.Equal("order A-17 rejected", outcome.Error);
    }

    [Fact]
    public async Task DelayStep_Seconds_ResumesAfterThatTimeOnTheInjectedClock()
    {
        var clock = new ManualClock(Start);
        var context = Context([Step("wait", "delay", """{"seconds":90}""")], scope: Scope(clock: clock));

        var outcome = await new DelayStep().ExecuteAsync(context, default);

        Assert.Equal(StepOutcomeKind.Delay, outcome.Kind);
        Assert.Equal(Start.AddSeconds(90), outcome.ResumeAt);
    }

    [Fact]
    public async Task DelayStep_TemplateNotANumber_Fails()
    {
        var outcome = await new DelayStep().ExecuteAsync(Context([Step("wait", "delay", """{"seconds":"{{ event.data.customer }}"}""")]), default);

        Assert.Equal(StepOutcomeKind.Failed, outcome.Kind);
        Assert.Contains("expected a number of seconds", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryPolicy_Backoff_GrowsExponentiallyWithBoundedJitter()
    {
        var policy = RetryPolicy.For("http", (JsonObject)JsonNode.Parse("""{"retry":{"maxAttempts":5,"backoffSeconds":2}}""")!);

        Assert.Equal(5, policy.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), policy.Backoff(1, 0));
        Assert.Equal(TimeSpan.FromSeconds(8), policy.Backoff(3, 0));
        Assert.InRange(policy.Backoff(3, 0.999), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(9.6));
        Assert.Equal(1, RetryPolicy.For("log", []).MaxAttempts);
    }
}
