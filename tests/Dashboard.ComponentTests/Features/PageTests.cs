using System.Text.Json.Nodes;
using Bunit;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Streaming;
using Dashboard.Web.Features.Activity;
using Dashboard.Web.Features.EventDefinitions;
using Dashboard.Web.Features.Events;
using Dashboard.Web.Features.LiveEvents;
using Dashboard.Web.Features.Workflows;
using Dashboard.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.ComponentTests.Features;

/// <summary>Pages rendered by bunit against a real host: real store, real live feed, a faked signed-in user.</summary>
public sealed class PageTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly Actor Tester = new("tester");

    private async Task<long> SaveWorkflowAsync(string name)
    {
        var service = fixture.Host.Services.GetRequiredService<WorkflowDefinitionService>();
        var model = new WorkflowDefinitionModel { Name = name, Steps = [new WorkflowStep("say", "log", new JsonObject { ["message"] = "hi" })] };
        var result = await service.SaveAsync(model, Tester, CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return result.Id!.Value;
    }

    [Theory]
    [InlineData(Policies.Viewer, 0)]
    [InlineData(Policies.Admin, 1)]
    public async Task WorkflowsPage_Role_NewButtonForAdminsOnly(string role, int buttons)
    {
        await SaveWorkflowAsync($"role-{role.ToLowerInvariant()}-{Guid.NewGuid():N}");
        await using var ctx = fixture.Context(role);
        var cut = ctx.Render<WorkflowsPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=workflows-grid] tbody tr")), Wait);
        Assert.Equal(buttons, cut.FindAll("[data-testid=workflows-new]").Count);
    }

    [Fact]
    public async Task WorkflowsPage_SearchTyped_IsReflectedInTheAddress()
    {
        await SaveWorkflowAsync($"search-{Guid.NewGuid():N}");
        await using var ctx = fixture.Context(Policies.Viewer);
        var cut = ctx.Render<WorkflowsPage>();
        cut.Find("input[data-testid=workflows-search]").Change("billing");
        Assert.Contains("q=billing", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkflowsPage_ThirtyMatches_ShowsTwentyFiveThenTheRestOnPageTwo()
    {
        var prefix = $"paged{Guid.NewGuid():N}"[..14];
        for (var i = 0; i < 30; i++)
        {
            await SaveWorkflowAsync($"{prefix}-{i:00}");
        }

        await using var ctx = fixture.Context(Policies.Viewer);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"workflows?q={prefix}");
        var cut = ctx.Render<WorkflowsPage>();
        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("[data-testid=workflows-grid] tbody tr").Count), Wait);
        Assert.Contains($"{prefix}-00", cut.Markup, StringComparison.Ordinal);

        cut.Find("button[aria-label='Next page']").Click();
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[data-testid=workflows-grid] tbody tr").Count), Wait);
        Assert.Contains($"{prefix}-29", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain($"{prefix}-00<", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventDefinitionEditPage_Viewer_SeesReadOnlyFormWithoutSave()
    {
        var service = fixture.Host.Services.GetRequiredService<EventDefinitionService>();
        var key = $"ro.{Guid.NewGuid():N}";
        var saved = await service.SaveAsync(new EventDefinitionModel { Key = key, SourceKind = EventSourceKind.Manual, AuthMode = EventAuthMode.Token }, Tester, CancellationToken.None);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => $"{e.Field}: {e.Message}")));

        await using var ctx = fixture.Context(Policies.Viewer);
        var cut = ctx.Render<EventDefinitionEditPage>(p => p.Add(c => c.Id, saved.Id));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=read-only-notice]")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=event-definition-save]"));
        Assert.Empty(cut.FindAll("[data-testid=event-definition-delete]"));
    }

    [Fact]
    public async Task EventDefinitionEditPage_WebSocketDefinition_ShowsItsRouteAndAuthFields()
    {
        var service = fixture.Host.Services.GetRequiredService<EventDefinitionService>();
        var route = $"ws-{Guid.NewGuid():N}";
        var saved = await service.SaveAsync(new EventDefinitionModel
        {
            Key = $"ws.{Guid.NewGuid():N}", SourceKind = EventSourceKind.WebSocket, HttpRoute = route, AuthMode = EventAuthMode.Token,
        }, Tester, CancellationToken.None);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => $"{e.Field}: {e.Message}")));

        await using var ctx = fixture.Context(Policies.Admin);
        var cut = ctx.Render<EventDefinitionEditPage>(p => p.Add(c => c.Id, saved.Id));
        cut.WaitForAssertion(() => Assert.Equal(route, cut.Find("input[data-testid=field-ws-route]").GetAttribute("value")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=field-http-method]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=field-auth-mode]"));
    }

    [Fact]
    public async Task EventDefinitionEditPage_ParentRendersAgain_KeepsWhatWasTyped()
    {
        await using var ctx = fixture.Context(Policies.Admin);
        var cut = ctx.Render<EventDefinitionEditPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("input[data-testid=field-key]")), Wait);
        cut.Find("input[data-testid=field-key]").Change("orders.typed");

        // The layout re-renders (a live badge, a refreshed sign-in) and sets the page's unchanged parameters again.
        cut.Render(p => p.Add(c => c.Id, (long?)null));

        cut.WaitForAssertion(() => Assert.Equal("orders.typed", cut.Find("input[data-testid=field-key]").GetAttribute("value")), Wait);
    }

    [Fact]
    public async Task WorkflowEditPage_ParentRendersAgain_KeepsWhatWasTyped()
    {
        await using var ctx = fixture.Context(Policies.Admin);
        var cut = ctx.Render<WorkflowEditPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("input[data-testid=field-name]")), Wait);
        cut.Find("input[data-testid=field-name]").Change("typed-flow");

        cut.Render(p => p.Add(c => c.Id, (long?)null));

        cut.WaitForAssertion(() => Assert.Equal("typed-flow", cut.Find("input[data-testid=field-name]").GetAttribute("value")), Wait);
    }

    [Fact]
    public async Task EventDefinitionEditPage_SaveWithoutKey_ShowsTheErrorAtTheKeyField()
    {
        await using var ctx = fixture.Context(Policies.Admin);
        var cut = ctx.Render<EventDefinitionEditPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=event-definition-save]")), Wait);
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=event-definition-errors]")), Wait);

        var keyControl = cut.Find("input[data-testid=field-key]").Closest(".mud-input-control")!;
        var error = keyControl.QuerySelector(".mud-input-helper-text.mud-input-error");
        Assert.NotNull(error);
        Assert.False(string.IsNullOrWhiteSpace(error.TextContent));
    }

    [Fact]
    public async Task EventsPage_PayloadFilterWithoutSyntax_ExplainsAndListsNothing()
    {
        await using var ctx = fixture.Context(Policies.Viewer);
        var before = ctx.Render<EventsPage>();
        Assert.Contains("Syntax: $.path = value", before.Markup, StringComparison.Ordinal);

        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("events?payload=orderId");
        var cut = ctx.Render<EventsPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=events-payload-error]")), Wait);
        cut.WaitForAssertion(() => Assert.Contains("Nothing searched", cut.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("[data-testid=event-link]"));
    }

    [Fact]
    public async Task LiveEventsPage_PauseThenResume_HoldsRowsAndCountsTheBacklog()
    {
        await using var ctx = fixture.Context(Policies.Viewer);
        var feed = fixture.Host.Services.GetRequiredService<LiveFeed>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var cut = RenderFilteredLivePage(ctx, tag);

        feed.Publish(Item(tag, "first"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=live-row]")), Wait);

        cut.Find("[data-testid=live-pause]").Click();
        feed.Publish(Item(tag, "p1"));
        feed.Publish(Item(tag, "p2"));
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find("[data-testid=live-paused-count]").TextContent), Wait);
        Assert.Single(cut.FindAll("[data-testid=live-row]"));

        cut.Find("[data-testid=live-resume]").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=live-row]").Count), Wait);
        Assert.Equal("2", cut.Find("[data-testid=live-backlog-count]").TextContent);
    }

    [Fact]
    public async Task LiveEventsPage_NewRowsArrive_RowsAlreadyShownKeepTheirClickHandler()
    {
        await using var ctx = fixture.Context(Policies.Viewer);
        var feed = fixture.Host.Services.GetRequiredService<LiveFeed>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var cut = RenderFilteredLivePage(ctx, tag);

        feed.Publish(Item(tag, "kept"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=live-row]")), Wait);
        var handler = cut.Find("[data-testid=live-row][data-event-id=kept]").GetAttribute("blazor:onclick");
        Assert.NotNull(handler);

        feed.Publish(Item(tag, "next"));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=live-row]").Count), Wait);

        // A re-registered handler would be a new id, and the browser would be sent an update for every row shown.
        Assert.Equal(handler, cut.Find("[data-testid=live-row][data-event-id=kept]").GetAttribute("blazor:onclick"));
    }

    [Fact]
    public async Task LiveEventsPage_ValueWithMarkup_ShownAsTextInItsCell()
    {
        await using var ctx = fixture.Context(Policies.Viewer);
        var feed = fixture.Host.Services.GetRequiredService<LiveFeed>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var cut = RenderFilteredLivePage(ctx, tag);

        const string subject = "<img src=x onerror=alert(1)>";
        feed.Publish(Item(tag, "markup") with { Subject = subject });
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=live-row][data-event-id=markup]")), Wait);

        var cells = cut.Find("[data-testid=live-row][data-event-id=markup]").QuerySelectorAll("td");
        Assert.Equal(8, cells.Length);
        Assert.Equal(subject, cells[4].TextContent);
        Assert.Equal("markup", cells[5].TextContent);
        Assert.Empty(cut.FindAll("[data-testid=live-row] img"));
    }

    [Fact]
    public async Task LiveEventsPage_MoreThanTheViewHolds_SaysHowManyWereDropped()
    {
        await using var ctx = fixture.Context(Policies.Viewer);
        var feed = fixture.Host.Services.GetRequiredService<LiveFeed>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var cut = RenderFilteredLivePage(ctx, tag);

        for (var i = 0; i < 13; i++)
        {
            feed.Publish(Item(tag, $"d{i}"));
        }

        // The host's view capacity is 10 (see HostFixture).
        cut.WaitForAssertion(() => Assert.Contains("3 older events dropped", cut.Find("[data-testid=live-dropped]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(10, cut.FindAll("[data-testid=live-row]").Count);
    }

    [Fact]
    public async Task LiveEventsPage_Prerendered_SaysConnectingAndHoldsNoSubscription()
    {
        await using var ctx = fixture.Context(Policies.Viewer);
        ctx.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var feed = fixture.Host.Services.GetRequiredService<LiveFeed>();
        var subscribers = feed.SubscriberCount;

        var cut = ctx.Render<LiveEventsPage>();

        Assert.Equal("connecting", cut.Find("[data-testid=live-status]").GetAttribute("data-live"));
        Assert.Equal(subscribers, feed.SubscriberCount);
    }

    [Fact]
    public async Task LiveEventsPage_SaysLive_AnItemPublishedRightAfterwardsIsShown()
    {
        await using var ctx = fixture.Context(Policies.Viewer);
        var feed = fixture.Host.Services.GetRequiredService<LiveFeed>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var cut = RenderFilteredLivePage(ctx, tag);

        // Published the moment the page says it is live, with no wait in between: it must not fall into a gap.
        Assert.Equal("on", cut.Find("[data-testid=live-status]").GetAttribute("data-live"));
        feed.Publish(Item(tag, "right-after"));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=live-row][data-event-id=right-after]")), Wait);
    }

    [Fact]
    public async Task ActivityPage_SaysLive_OnlyOnceItFollowsTheFeed()
    {
        await using var ctx = fixture.Context(Policies.Viewer);
        var feed = fixture.Host.Services.GetRequiredService<LiveFeed>();
        var subscribers = feed.SubscriberCount;

        var cut = ctx.Render<ActivityPage>();

        cut.WaitForAssertion(() => Assert.Equal("on", cut.Find("[data-testid=live-status]").GetAttribute("data-live")), Wait);
        Assert.Equal(subscribers + 1, feed.SubscriberCount);
    }

    // The live events page filtered to this test's own type, so items other tests publish on the shared feed stay out.
    private static IRenderedComponent<LiveEventsPage> RenderFilteredLivePage(BunitContext ctx, string tag)
    {
        var cut = ctx.Render<LiveEventsPage>();
        cut.Find("input[data-testid=live-filter-type]").Change($"t.{tag}");
        cut.Find("[data-testid=live-apply]").Click();
        return cut;
    }

    private static LiveItem Item(string tag, string id) => new()
    {
        Kind = LiveItemKind.Ingestion,
        At = DateTimeOffset.UtcNow,
        Outcome = "Accepted",
        Type = $"t.{tag}",
        EventId = id,
        Source = "urn:test",
    };
}
