using AngleSharp.Dom;
using Bunit;
using Dashboard.Web.Features.Activity;
using Dashboard.Web.Features.Audit;
using Dashboard.Web.Features.EventDefinitions;
using Dashboard.Web.Features.Events;
using Dashboard.Web.Features.Transfer;
using Dashboard.Web.Features.Workflows;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;

namespace Dashboard.ComponentTests.Features;

/// <summary>Every form control on the form pages has an accessible name: a <c>label for</c> its id, a wrapping label, or an aria label.</summary>
public sealed class FormLabelTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public static TheoryData<string> Pages => ["event-definition-edit", "workflow-edit", "events", "activity", "audit", "event-definitions", "workflows", "transfer"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task FormPage_EveryInput_HasALabelTiedToIt(string page)
    {
        await using var ctx = fixture.Context(Policies.Admin);
        var unlabelled = page switch
        {
            "event-definition-edit" => Unlabelled(ctx.Render<EventDefinitionEditPage>()),
            "workflow-edit" => Unlabelled(ctx.Render<WorkflowEditPage>()),
            "events" => Unlabelled(ctx.Render<EventsPage>()),
            "activity" => Unlabelled(ctx.Render<ActivityPage>()),
            "audit" => Unlabelled(ctx.Render<AuditPage>()),
            "event-definitions" => Unlabelled(ctx.Render<EventDefinitionsPage>()),
            "workflows" => Unlabelled(ctx.Render<WorkflowsPage>()),
            _ => Unlabelled(ctx.Render<TransferPage>()),
        };

        Assert.True(unlabelled.Count == 0, $"inputs without a label on {page}: {string.Join(", ", unlabelled)}");
    }

    [Fact]
    public async Task FormLabelCheck_TextFieldWithoutLabel_IsReported()
    {
        await using var ctx = fixture.Context(Policies.Admin);
        var bare = ctx.Render<MudBlazor.MudTextField<string>>(p => p.Add(c => c.Value, "x"));
        var labelled = ctx.Render<MudBlazor.MudTextField<string>>(p => p.Add(c => c.Value, "x").Add(c => c.Label, "Name"));

        Assert.Single(Unlabelled(bare));
        Assert.Empty(Unlabelled(labelled));
    }

    private static List<string> Unlabelled<T>(IRenderedComponent<T> cut)
        where T : IComponent
    {
        cut.WaitForAssertion(() => Assert.NotEmpty(Inputs(cut)), Wait);
        return Inputs(cut).Where(input => !IsLabelled(cut, input)).Select(Describe).ToList();
    }

    private static IEnumerable<IElement> Inputs<T>(IRenderedComponent<T> cut)
        where T : IComponent =>
        cut.FindAll("input:not([type=hidden]), textarea, select");

    private static bool IsLabelled<T>(IRenderedComponent<T> cut, IElement input)
        where T : IComponent =>
        !string.IsNullOrWhiteSpace(input.GetAttribute("aria-label"))
        || !string.IsNullOrWhiteSpace(input.GetAttribute("aria-labelledby"))
        || input.Closest("label") is not null
        || (!string.IsNullOrEmpty(input.Id) && cut.FindAll($"label[for='{input.Id}']").Count > 0);

    private static string Describe(IElement input) =>
        $"<{input.LocalName} id='{input.Id}' type='{input.GetAttribute("type")}' data-testid='{input.GetAttribute("data-testid")}'>";
}
