using System.Net;
using Dashboard.Data.Entities;
using Dashboard.IntegrationTests.Ingestion;

namespace Dashboard.IntegrationTests.Live;

/// <summary>Connections with the same filter share one feed subscription; each still gets every item, in its own messages.</summary>
public sealed class LiveHubGroupTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<HubClient> SubscribedAsync(object filter)
    {
        var token = await fixture.CreateTokenAsync($"hub-{Guid.NewGuid():N}", ApiTokenRole.Viewer, TokenScopeKind.All, null, null);
        var hub = await HubClient.ConnectAsync(fixture.Host.BaseAddress, "/hubs/live", bearer: token);
        var completion = await hub.CompletionAsync(await hub.InvokeAsync("Subscribe", filter), Wait);
        Assert.NotNull(completion);
        Assert.Null(completion!["error"]);
        return hub;
    }

    private async Task<string> PostOrderAsync()
    {
        var id = $"group-{Guid.NewGuid():N}";
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order(id)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return id;
    }

    private static Func<System.Text.Json.Nodes.JsonNode, bool> CarriesEvent(string id) =>
        m => m["target"]?.GetValue<string>() == "live" && m["arguments"]![0]!["items"]!.AsArray().Any(i => i!["eventId"]?.GetValue<string>() == id);

    [Fact]
    public async Task Subscribe_TwoConnectionsWithTheSameFilter_BothReceiveTheEvent()
    {
        var filter = new { kinds = new[] { "Ingestion" }, type = "com.example.order.created" };
        await using var first = await SubscribedAsync(filter);
        await using var second = await SubscribedAsync(filter);

        var id = await PostOrderAsync();

        Assert.NotNull(await first.WaitForAsync(CarriesEvent(id), Wait));
        Assert.NotNull(await second.WaitForAsync(CarriesEvent(id), Wait));
    }

    [Fact]
    public async Task Subscribe_OneOfTwoSharingAFilterLeaves_TheOtherStillReceives()
    {
        var filter = new { kinds = new[] { "Ingestion" }, source = "*" };
        var leaving = await SubscribedAsync(filter);
        await using var staying = await SubscribedAsync(filter);
        await leaving.DisposeAsync();

        var id = await PostOrderAsync();

        Assert.NotNull(await staying.WaitForAsync(CarriesEvent(id), Wait));
    }

    [Fact]
    public async Task Subscribe_AgainWithAnotherFilter_ReceivesOnlyWhatTheNewFilterMatches()
    {
        await using var other = await SubscribedAsync(new { kinds = new[] { "Ingestion" } });
        await using var hub = await SubscribedAsync(new { kinds = new[] { "Ingestion" } });
        var completion = await hub.CompletionAsync(await hub.InvokeAsync("Subscribe", new { outcome = "RejectedAuth" }), Wait);
        Assert.NotNull(completion);

        var id = await PostOrderAsync();

        Assert.NotNull(await other.WaitForAsync(CarriesEvent(id), Wait));
        using (var bad = fixture.Client("not-a-valid-token"))
        {
            using var rejected = await bad.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order($"bad-{Guid.NewGuid():N}")));
            Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        }

        // Everything the connection reads after the new subscription: the rejection, never the accepted event.
        var sawAccepted = false;
        var live = await hub.WaitForAsync(m =>
        {
            sawAccepted |= CarriesEvent(id)(m);
            return m["target"]?.GetValue<string>() == "live"
                && m["arguments"]![0]!["items"]!.AsArray().Any(i => i!["outcome"]!.GetValue<string>() == "RejectedAuth");
        }, Wait);
        Assert.NotNull(live);
        Assert.False(sawAccepted, "the connection still received what its previous filter matched");
        Assert.All(live!["arguments"]![0]!["items"]!.AsArray(), i => Assert.Equal("RejectedAuth", i!["outcome"]!.GetValue<string>()));
    }
}
