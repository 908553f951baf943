using Dashboard.Runtime.Common;
using Dashboard.Runtime.Workflows.Steps;
using static Dashboard.Tests.Workflows.WorkflowTestData;

namespace Dashboard.Tests.Workflows;

public sealed class RespondStepTests
{
    [Fact]
    public async Task RespondStep_StatusAndBodyTemplates_EndsRunWithRenderedResponse()
    {
        var context = Context([Step("answer", "respond", """{"status":"{{ 201 }}","body":{"id":"{{ event.data.order.id }}"}}""")]);

        var outcome = await new RespondStep().ExecuteAsync(context, CancellationToken.None);

        Assert.Equal(StepOutcomeKind.End, outcome.Kind);
        Assert.Equal("""{"status":201,"body":{"id":"A-17"}}""", outcome.Output!.ToJsonString());
    }

    [Fact]
    public async Task RespondStep_NoStatus_Defaults200()
    {
        var context = Context([Step("answer", "respond", """{"body":"ok"}""")]);

        var outcome = await new RespondStep().ExecuteAsync(context, CancellationToken.None);

        Assert.Equal(200, outcome.Output!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task RespondStep_TemplateYieldsRedirectStatus_FailsTheStep()
    {
        var context = Context([Step("answer", "respond", """{"status":"{{ 302 }}"}""")]);

        var outcome = await new RespondStep().ExecuteAsync(context, CancellationToken.None);

        Assert.Equal(StepOutcomeKind.Failed, outcome.Kind);
        Assert.Contains("302", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailStep_Status_IsTheCallersStatus()
    {
        var context = Context([Step("no", "fail", """{"message":"closed","status":409}""")]);

        var outcome = await new FailStep().ExecuteAsync(context, CancellationToken.None);

        Assert.Equal((StepOutcomeKind.Failed, 409), (outcome.Kind, outcome.ResponseStatus));
    }

    [Theory]
    [InlineData("""{"status":301}""", "steps[0].settings.status")]
    [InlineData("""{"status":99}""", "steps[0].settings.status")]
    [InlineData("""{"colour":"red"}""", "steps[0].settings.colour")]
    public void StepSettingsRules_BadRespondSettings_NameTheSetting(string settings, string field)
    {
        var errors = new List<FieldError>();

        new StepSettingsRules().Check([Step("answer", "respond", settings)], errors);

        Assert.Contains(errors, e => e.Field == field);
    }
}
