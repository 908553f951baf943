using Bunit;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Web.Features.Workflows;
using System.Text.Json.Nodes;

namespace Dashboard.ComponentTests.Features;

public sealed class StepsEditorTests
{
    private static StepsEditorState ThreeSteps() => StepsEditorState.From(
    [
        new WorkflowStep("first", "log", new JsonObject { ["message"] = "hi" }),
        new WorkflowStep("second", "log", new JsonObject { ["message"] = "there" }),
        new WorkflowStep("call", "http", new JsonObject()),
    ]);

    [Fact]
    public async Task StepsEditor_ServerErrorOnANestedSetting_IsShownInThatStep()
    {
        await using var ctx = TestContexts.Create(Dashboard.Web.Security.Policies.Admin);
        FieldError[] errors = [new("steps[2].settings.url", "Required")];
        var cut = ctx.Render<StepsEditor>(p => p.Add(c => c.State, ThreeSteps()).Add(c => c.Errors, errors));

        var inStep = cut.Find("[data-testid=step-2] [data-field='steps[2].settings.url']");
        Assert.Contains("url", inStep.TextContent, StringComparison.Ordinal);
        Assert.Contains("Required", inStep.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=step-0] .field-error"));
        Assert.Empty(cut.FindAll("[data-testid=step-1] .field-error"));
    }

    [Fact]
    public async Task StepsEditor_ServerErrorOnAStepName_IsShownAtThatName()
    {
        await using var ctx = TestContexts.Create(Dashboard.Web.Security.Policies.Admin);
        FieldError[] errors = [new("steps[1].name", "Step names must be unique.")];
        var cut = ctx.Render<StepsEditor>(p => p.Add(c => c.State, ThreeSteps()).Add(c => c.Errors, errors));
        Assert.Contains("Step names must be unique.", cut.Find("[data-testid=step-1]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Step names must be unique.", cut.Find("[data-testid=step-0]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepsEditor_AddAndRemove_ChangesTheSteps()
    {
        await using var ctx = TestContexts.Create(Dashboard.Web.Security.Policies.Admin);
        var state = ThreeSteps();
        var cut = ctx.Render<StepsEditor>(p => p.Add(c => c.State, state).Add(c => c.Errors, []));
        cut.Find("[data-testid=step-add]").Click();
        Assert.Equal(4, state.Steps.Count);
        cut.Find("[data-testid=step-0-remove]").Click();
        Assert.Equal(3, state.Steps.Count);
        Assert.Equal("second", state.Steps[0].Name);
    }

    [Fact]
    public async Task StepsEditor_ReadOnly_OffersNoEditingButtons()
    {
        await using var ctx = TestContexts.Create(Dashboard.Web.Security.Policies.Viewer);
        var cut = ctx.Render<StepsEditor>(p => p.Add(c => c.State, ThreeSteps()).Add(c => c.Errors, []).Add(c => c.ReadOnly, true));
        Assert.Empty(cut.FindAll("[data-testid=step-add]"));
        Assert.Empty(cut.FindAll("[data-testid=step-0-remove]"));
    }
}
