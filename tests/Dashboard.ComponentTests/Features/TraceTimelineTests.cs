using Bunit;
using Dashboard.Data.Events;
using Dashboard.Web.Features.Events;

namespace Dashboard.ComponentTests.Features;

public sealed class TraceTimelineTests
{
    [Fact]
    public async Task TraceTimeline_PassedAndFailedSteps_EachShowsItsIconResultAndReason()
    {
        await using var ctx = TestContexts.Create();
        TraceStep[] steps =
        [
            new("received", TraceResult.Info, "HTTP POST on /hooks/orders from 127.0.0.1"),
            new("auth", TraceResult.Passed, "token 'ci' (#3) from Authorization: Bearer"),
            new("schema", TraceResult.Failed, "$.data.qty: must be >= 1"),
            new("workflow", TraceResult.Skipped, "'audit': not matched (workflow disabled)"),
        ];

        var cut = ctx.Render<TraceTimeline>(p => p.Add(c => c.Steps, steps));

        var items = cut.FindAll("[data-stage]");
        Assert.Equal(["received", "auth", "schema", "workflow"], items.Select(i => i.GetAttribute("data-stage")));
        Assert.Equal(["info", "passed", "failed", "skipped"], items.Select(i => i.GetAttribute("data-result")));
        Assert.Contains("$.data.qty: must be >= 1", items[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("failed:", items[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-success-text", items[1].QuerySelector("svg")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("mud-error-text", items[2].QuerySelector("svg")!.ClassName, StringComparison.Ordinal);
        Assert.NotEqual(Icon(items[1]), Icon(items[2]));
    }

    [Fact]
    public async Task TraceTimeline_NoSteps_SaysNoTraceWasRecorded()
    {
        await using var ctx = TestContexts.Create();
        var cut = ctx.Render<TraceTimeline>(p => p.Add(c => c.Steps, Array.Empty<TraceStep>()));
        Assert.Contains("No trace was recorded", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TraceTimeline_MarkupInDetail_RenderedAsText()
    {
        await using var ctx = TestContexts.Create();
        TraceStep[] steps = [new("route", TraceResult.Failed, "no event definition listens on /hooks/<script>x</script>")];
        var cut = ctx.Render<TraceTimeline>(p => p.Add(c => c.Steps, steps));
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("<script>x</script>", cut.Find("[data-stage=route]").TextContent, StringComparison.Ordinal);
    }

    private static string Icon(AngleSharp.Dom.IElement item) => item.QuerySelector("svg")?.InnerHtml ?? "";
}
