using System.Text.Json.Nodes;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Workflows.Steps;

namespace Dashboard.Tests.Definitions;

public sealed class WorkflowRulesTests
{
    [Fact]
    public void Check_DuplicateStepNameAndUnknownType_NamesEachStep()
    {
        var model = new WorkflowDefinitionModel
        {
            Name = "notify",
            Steps = [new("a", "log", new JsonObject { ["message"] = "x" }), new("a", "log", new JsonObject { ["message"] = "y" }), new("b", "teleport", [])],
        };

        var errors = WorkflowRules.Check(model, new StepSettingsRules());

        Assert.Equal(["steps[1].name", "steps[2].type"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Check_TooManySteps_RejectedAtSteps()
    {
        var model = new WorkflowDefinitionModel
        {
            Name = "long",
            Steps = Enumerable.Range(0, WorkflowRules.MaxSteps + 1).Select(i => new WorkflowStep($"s{i}", "log", new JsonObject { ["message"] = "x" })).ToList(),
        };

        Assert.Contains(WorkflowRules.Check(model, new StepSettingsRules()), e => e.Field == "steps");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("-leading-dash")]
    public void Check_BadName_RejectedAtName(string name) =>
        Assert.Equal("name", Assert.Single(WorkflowRules.Check(new WorkflowDefinitionModel { Name = name }, new StepSettingsRules())).Field);
}
