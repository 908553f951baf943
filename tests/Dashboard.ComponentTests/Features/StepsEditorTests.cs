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

        // The typed form: the error sits on the URL field of step 3 itself.
        var url = cut.Find("[data-testid=step-2] input[data-testid=step-2-setting-url]");
        Assert.Equal("steps[2].settings.url", url.GetAttribute("data-field"));
        Assert.Contains("Required", url.Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=step-0] .mud-input-error"));
        Assert.Empty(cut.FindAll("[data-testid=step-1] .mud-input-error"));

        // The JSON view lists it under the settings with its path.
        cut.Find("[data-testid=step-2-view]").Click();
        var listed = cut.Find("[data-testid=step-2] .field-error[data-field='steps[2].settings.url']");
        Assert.Contains("settings.url", listed.TextContent, StringComparison.Ordinal);
        Assert.Contains("Required", listed.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepsEditor_TypedForm_WritesSettingsAndRetryPolicyIntoTheStep()
    {
        await using var ctx = TestContexts.Create(Dashboard.Web.Security.Policies.Admin);
        var state = ThreeSteps();
        var cut = ctx.Render<StepsEditor>(p => p.Add(c => c.State, state).Add(c => c.Errors, []));
        Assert.Contains("Default: 3", cut.Find("[data-testid=step-2]").TextContent, StringComparison.Ordinal);

        cut.Find("input[data-testid=step-2-setting-url]").Change("https://example.test/hook");
        cut.Find("input[data-testid='step-2-setting-retry.maxAttempts']").Change("5");
        var built = Assert.Single(state.TryBuild()!, s => s.Name == "call");
        Assert.Equal("https://example.test/hook", (string?)built.Settings["url"]);
        Assert.Equal(5, (int)built.Settings["retry"]!["maxAttempts"]!);
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
