using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Workflows.Steps;
using static Dashboard.Tests.Workflows.WorkflowTestData;

namespace Dashboard.Tests.Workflows;

public sealed class StepSettingsRulesTests
{
    [Fact]
    public void Check_ValidWorkflow_HasNoErrors()
    {
        var model = Model(
            Step("note", "log", """{"message":"got {{ event.data.order.id }}"}"""),
            Step("vars", "set", """{"variables":{"total":"{{ event.data.order.total }}"}}"""),
            Step("shape", "transform", """{"template":{"id":"{{ vars.total }}"}}"""),
            Step("check", "condition", """{"expression":"vars.total > 10","whenFalse":"done"}"""),
            Step("call", "http", """{"method":"POST","url":"https://example.test/x","body":"{{ steps.shape.output }}","expectedStatus":[200,202],"retry":{"maxAttempts":4,"backoffSeconds":0.5}}"""),
            Step("emit", "publish", """{"definition":"orders.done","type":"done","data":{"id":"{{ event.id }}"}}"""),
            Step("wait", "delay", """{"seconds":5}"""),
            Step("done", "fail", """{"message":"stop"}"""));

        Assert.Empty(WorkflowRules.Check(model, new StepSettingsRules()));
    }

    [Fact]
    public void Check_InvalidSettings_ReportsFieldPaths()
    {
        var model = Model(
            Step("call", "http", """{"url":"ftp://x","method":"FETCH","timeoutSeconds":0,"expectedStatus":[700],"retry":{"maxAttempts":0,"delay":1}}"""),
            Step("check", "condition", """{"expression":"vars.a ==","whenTrue":"nowhere"}"""),
            Step("note", "log", """{"message":"hi {{ upper(vars.a }}"}"""),
            Step("wait", "delay", """{}"""),
            Step("emit", "publish", """{"type":"t","extra":1}"""),
            Step("vars", "set", """{"variables":{"Bad Name":"x"}}"""));

        var errors = WorkflowRules.Check(model, new StepSettingsRules());

        Assert.Equal(
            [
                "steps[0].settings.expectedStatus", "steps[0].settings.method", "steps[0].settings.retry.delay", "steps[0].settings.retry.maxAttempts",
                "steps[0].settings.timeoutSeconds", "steps[0].settings.url", "steps[1].settings.expression", "steps[1].settings.whenTrue",
                "steps[2].settings.message", "steps[3].settings.seconds", "steps[4].settings.definition", "steps[4].settings.extra",
                "steps[5].settings.variables.Bad Name",
            ],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Contains(errors, e => e.Field == "steps[2].settings.message" && e.Message.StartsWith("position 20:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "steps[1].settings.expression" && e.Message == "position 10: unexpected end of expression");
    }

    [Fact]
    public void Check_ConditionTargetBeforeStep_IsRejected()
    {
        var model = Model(Step("first", "log", "{}"), Step("check", "condition", """{"expression":"true","whenTrue":"first"}"""));

        Assert.Equal("steps[1].settings.whenTrue", Assert.Single(WorkflowRules.Check(model, new StepSettingsRules())).Field);
    }

    private static WorkflowDefinitionModel Model(params WorkflowStep[] steps) => new() { Name = "orders", Steps = [.. steps] };
}
