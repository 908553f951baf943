using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bunit;
using Dashboard.Data.Entities;
using Dashboard.Data.Events;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Ingestion;
using Dashboard.Web.Features.Events;
using Dashboard.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.ComponentTests.Features;

/// <summary>The ledger row page of a request refused over real HTTP.</summary>
public sealed class LedgerRowPageTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task LedgerRowPage_StructuredEventWithBadToken_ShowsItsModeAndWhyTheEventIsUnread()
    {
        var route = $"ledger-{Guid.NewGuid():N}";
        var saved = await fixture.Host.Services.GetRequiredService<EventDefinitionService>().SaveAsync(new EventDefinitionModel
        {
            Key = $"ledger.{Guid.NewGuid():N}", SourceKind = EventSourceKind.Http, HttpRoute = route, AuthMode = EventAuthMode.Token,
        }, new Actor("tester"), CancellationToken.None);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => $"{e.Field}: {e.Message}")));
        await PostUntilRefusedAsync(route);

        var ledger = await fixture.Host.Services.GetRequiredService<EventQueries>()
            .LedgerAsync(Outcomes.RejectedAuth, saved.Id, 0, 1, CancellationToken.None);
        var row = Assert.Single(ledger.Items);

        await using var ctx = fixture.Context(Policies.Viewer);
        var cut = ctx.Render<LedgerRowPage>(p => p.Add(c => c.LedgerId, row.Id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=ledger-attributes]")), Wait);

        Assert.Equal("structured", cut.Find("[data-testid=ledger-mode]").TextContent.Trim());
        Assert.Contains("not read", cut.Find("[data-testid=ledger-event-id]").TextContent, StringComparison.Ordinal);
        Assert.Contains("no stored token matched", cut.Find("[data-testid=ledger-token]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>Posts until the definition's route answers 401 (the catalog picks a saved definition up shortly after the save).</summary>
    private async Task PostUntilRefusedAsync(string route)
    {
        using var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-real-token");
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            using var body = new StringContent(
                """{"specversion":"1.0","id":"l-1","source":"/shop","type":"shop.order","data":{}}""", Encoding.UTF8, "application/cloudevents+json");
            using var response = await client.PostAsync($"/hooks/{route}", body);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/hooks/{route} answered {(int)response.StatusCode}, not 401");
            await Task.Delay(100);
        }
    }
}
