using Bunit;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.Workflows.Services;
using Dashboard.Web.Components.Controls;
using Dashboard.Web.Features.Firing;
using Dashboard.Web.Features.Runs;
using Dashboard.Web.Security;

namespace Dashboard.ComponentTests.Controls;

public sealed class ControlRenderTests
{
    [Fact]
    public async Task OutcomeBadge_InternalOutcome_ShowsFriendlyNameAndKeepsTheRawValue()
    {
        await using var ctx = TestContexts.Create();
        var cut = ctx.Render<OutcomeBadge>(p => p.Add(c => c.Outcome, "RejectedAuth"));
        Assert.Contains("Rejected: bad credentials", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("RejectedAuth", cut.Find(".outcome-badge").GetAttribute("data-outcome"));
        Assert.DoesNotContain(">RejectedAuth<", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutcomeBadge_Rendered_IsAChipWithItsToneAndNoHandlerOrId()
    {
        await using var ctx = TestContexts.Create();
        var cut = ctx.Render<OutcomeBadge>(p => p.Add(c => c.Outcome, "Accepted"));
        var badge = cut.Find(".outcome-badge");
        Assert.Contains("mud-chip", badge.ClassList);
        Assert.Contains("mud-chip-color-success", badge.ClassList);

        // The live table adds up to a hundred badges per render: no event handler and no generated id per badge.
        Assert.DoesNotContain("blazor:on", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(" id=", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FieldErrorText_ErrorsForSeveralFields_ShowsOnlyItsOwn()
    {
        await using var ctx = TestContexts.Create();
        FieldError[] errors = [new("key", "Key is required."), new("httpRoute", "Route is taken.")];
        var cut = ctx.Render<FieldErrorText>(p => p.Add(c => c.Errors, errors).Add(c => c.Field, "httpRoute"));
        var shown = Assert.Single(cut.FindAll(".field-error"));
        Assert.Equal("Route is taken.", shown.TextContent);
        Assert.Equal("error-httpRoute", shown.Id);
    }

    [Fact]
    public async Task PageHeader_TitleAndActions_RendersHeadingAndActions()
    {
        await using var ctx = TestContexts.Create();
        var cut = ctx.Render<PageHeader>(p => p.Add(c => c.Title, "Events").Add(c => c.Subtitle, "Stored").Add(c => c.Actions, "<button id='a'>Go</button>"));
        Assert.Equal("Events", cut.Find("h1").TextContent);
        Assert.NotNull(cut.Find(".page-actions #a"));
    }

    [Fact]
    public async Task FireResultPanel_DuplicateWithStoredEvent_ShowsTheEventNumber()
    {
        await using var ctx = TestContexts.Create();
        var outcome = new IngestionResult(200, "Duplicate", "OK", null) { Events = [new IngestedEvent(0, "id-1", "urn:test", true, 42, [])] };
        var cut = ctx.Render<FireResultPanel>(p => p.Add(c => c.Outcome, outcome));
        var link = cut.Find("[data-testid=fire-event-link]");
        Assert.Equal("E-42", link.TextContent);
        Assert.Equal("events/42", link.GetAttribute("href"));
        Assert.Contains("Already stored as event", cut.Find("[data-testid=fire-event]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FireResultPanel_DuplicateWithoutNumber_NeverShowsABareHash()
    {
        await using var ctx = TestContexts.Create();
        var outcome = new IngestionResult(200, "Duplicate", "OK", null) { Events = [new IngestedEvent(0, "id-1", "urn:test", true, null, [])] };
        var cut = ctx.Render<FireResultPanel>(p => p.Add(c => c.Outcome, outcome));
        Assert.DoesNotContain("#", cut.Find("[data-testid=fire-event]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Already stored", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FireResultPanel_Rejected_ListsEachErrorWithItsPath()
    {
        await using var ctx = TestContexts.Create();
        var outcome = new IngestionResult(400, "RejectedInvalid", "Bad Request", null) { Errors = [new("$.data.qty", "must be an integer")] };
        var cut = ctx.Render<FireResultPanel>(p => p.Add(c => c.Outcome, outcome));
        Assert.Contains("$.data.qty", cut.Find("[data-testid=fire-errors]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTimeline_MinifiedStepJson_IsShownIndentedWithoutEscapes()
    {
        await using var ctx = TestContexts.Create();
        var step = new StepResultView(1, 0, "shape", "transform", 1, "Succeeded", "{\"a\":1}", "{\"orderId\":\"A-1\",\"rule\":\"x \\u003E 1\"}", null,
            false, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMilliseconds(5), 5, null);
        var cut = ctx.Render<RunTimeline>(p => p.Add(c => c.Entries, [new TimelineEntry(step, "5 ms", 0, 100)]));
        var output = cut.Find("[data-testid=step-output]").TextContent.ReplaceLineEndings("\n");
        Assert.Contains("\"orderId\": \"A-1\"", output, StringComparison.Ordinal);
        Assert.Contains("x > 1", output, StringComparison.Ordinal);
        Assert.Contains("\n  \"rule\"", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Policies.Viewer, false)]
    [InlineData(Policies.Operator, true)]
    public async Task FireButton_Role_ShownToOperatorsOnly(string role, bool shown)
    {
        await using var ctx = TestContexts.Create(role);
        var cut = ctx.Render<FireButton>(p => p.Add(c => c.DefinitionId, 7));
        Assert.Equal(shown ? 1 : 0, cut.FindAll("[data-testid=fire-7]").Count);
    }

    [Theory]
    [InlineData(Policies.Viewer, false)]
    [InlineData(Policies.Admin, true)]
    public async Task WorkflowLinks_Role_DefinitionLinkForAdminsOnly(string role, bool shown)
    {
        await using var ctx = TestContexts.Create(role);
        var cut = ctx.Render<WorkflowLinks>(p => p.Add(c => c.WorkflowId, 3));
        Assert.Equal(shown, cut.FindAll("a").Any(a => a.GetAttribute("href") == "workflows/3"));
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "activity?workflow=3");
    }
}
