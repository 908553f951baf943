using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Dashboard.Data.Entities;
using Dashboard.IntegrationTests.Ingestion;

namespace Dashboard.IntegrationTests.Live;

public sealed class LiveHubTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private Task<string> ViewerTokenAsync() =>
        fixture.CreateTokenAsync($"hub-{Guid.NewGuid():N}", ApiTokenRole.Viewer, TokenScopeKind.All, null, null);

    [Fact]
    public async Task Subscribe_WithQueryToken_ReceivesEventPostedOverHttp()
    {
        await using var hub = await HubClient.ConnectAsync(fixture.Host.BaseAddress, "/hubs/live", queryToken: await ViewerTokenAsync());
        var call = await hub.InvokeAsync("Subscribe", new { kinds = new[] { "Ingestion" }, type = "com.example.order.created" });
        var completion = await hub.CompletionAsync(call, Wait);
        Assert.NotNull(completion);
        Assert.Null(completion!["error"]);

        var id = $"hub-{Guid.NewGuid():N}";
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order(id)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var live = await hub.WaitForAsync(
            m => m["target"]?.GetValue<string>() == "live" && m["arguments"]![0]!["items"]!.AsArray().Any(i => i!["eventId"]?.GetValue<string>() == id), Wait);
        Assert.NotNull(live);
        var item = live!["arguments"]![0]!["items"]!.AsArray().First(i => i!["eventId"]!.GetValue<string>() == id)!;
        Assert.Equal("Accepted", item["outcome"]!.GetValue<string>());
        Assert.Equal("Ingestion", item["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_WithFilter_DoesNotReceiveOtherOutcomes()
    {
        await using var hub = await HubClient.ConnectAsync(fixture.Host.BaseAddress, "/hubs/live", bearer: await ViewerTokenAsync());
        var call = await hub.InvokeAsync("Subscribe", new { outcome = "RejectedAuth" });
        Assert.NotNull(await hub.CompletionAsync(call, Wait));

        using (var good = fixture.Client(fixture.Token))
        {
            using var accepted = await good.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order($"ok-{Guid.NewGuid():N}")));
        }

        using (var bad = fixture.Client("not-a-valid-token"))
        {
            using var rejected = await bad.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order($"bad-{Guid.NewGuid():N}")));
            Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        }

        var live = await hub.WaitForAsync(m => m["target"]?.GetValue<string>() == "live", Wait);
        Assert.NotNull(live);
        Assert.All(live!["arguments"]![0]!["items"]!.AsArray(), i => Assert.Equal("RejectedAuth", i!["outcome"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Subscribe_Activity_ReceivesARunsEndAsTheActivityLogShowsIt()
    {
        var viewer = await ViewerTokenAsync();
        await using var hub = await HubClient.ConnectAsync(fixture.Host.BaseAddress, "/hubs/live", bearer: viewer);
        var call = await hub.InvokeAsync("Subscribe", new { kinds = new[] { "Activity" }, workflowId = fixture.OrdersWorkflowId });
        Assert.NotNull(await hub.CompletionAsync(call, Wait));
        var id = $"end-{Guid.NewGuid():N}";
        var actor = $"event {id}";

        using (var client = fixture.Client(fixture.Token))
        {
            using var response = await client.PostAsync("/hooks/orders", IngestionFixture.Structured(IngestionFixture.Order(id)));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        bool IsEnd(JsonNode? i) => i!["outcome"]?.GetValue<string>() == "run-succeeded" && i["actor"]?.GetValue<string>() == actor;
        var live = await hub.WaitForAsync(m => m["target"]?.GetValue<string>() == "live" && m["arguments"]![0]!["items"]!.AsArray().Any(IsEnd),
            TimeSpan.FromSeconds(60));
        Assert.NotNull(live);
        var item = live!["arguments"]![0]!["items"]!.AsArray().Single(IsEnd)!;
        using var reader = fixture.Client(viewer);
        var log = JsonNode.Parse(await reader.GetStringAsync($"/api/activity?workflow={fixture.OrdersWorkflowId}&kind=run-succeeded&take=500"))!;
        var entry = log["items"]!.AsArray().Single(e => e!["actor"]!.GetValue<string>() == actor)!;

        Assert.Equal("Activity", item["kind"]!.GetValue<string>());
        Assert.Equal(entry["message"]!.GetValue<string>(), item["message"]!.GetValue<string>());
        Assert.Equal(entry["runId"]!.GetValue<long>(), item["runId"]!.GetValue<long>());
        Assert.Equal(entry["at"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds(), item["at"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());
        Assert.Equal(fixture.OrdersWorkflowId, item["workflowId"]!.GetValue<long>());
        Assert.Equal($"run {entry["runId"]} succeeded", item["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Connect_Anonymous_IsRejected()
    {
        using var client = fixture.Host.CreateClient();
        using var negotiate = await client.PostAsync("/hubs/live/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);

        await Assert.ThrowsAnyAsync<WebSocketException>(() => HubClient.ConnectAsync(fixture.Host.BaseAddress, "/hubs/live"));
        await Assert.ThrowsAnyAsync<WebSocketException>(() => HubClient.ConnectAsync(fixture.Host.BaseAddress, "/hubs/live", queryToken: "wrong"));
    }

    [Fact]
    public async Task Connect_IngestOnlyToken_IsRejected() =>
        await Assert.ThrowsAnyAsync<WebSocketException>(() => HubClient.ConnectAsync(fixture.Host.BaseAddress, "/hubs/live", queryToken: fixture.Token));

    [Fact]
    public async Task Invoke_TooFrequently_IsRefused()
    {
        await using var hub = await HubClient.ConnectAsync(fixture.Host.BaseAddress, "/hubs/live", queryToken: await ViewerTokenAsync());
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await hub.InvokeAsync("Subscribe", new { kinds = new[] { "Run" } }));
        }

        var errors = 0;
        foreach (var id in ids)
        {
            var completion = await hub.CompletionAsync(id, Wait);
            Assert.NotNull(completion);
            if (completion!["error"]?.GetValue<string>() is { } error)
            {
                Assert.Contains("Too many requests", error, StringComparison.Ordinal);
                errors++;
            }
        }

        Assert.True(errors >= 4, $"expected the rate limit to refuse some of 10 calls, refused {errors}");
    }

    [Fact]
    public async Task Invoke_OversizedMessage_ClosesConnection()
    {
        await using var hub = await HubClient.ConnectAsync(fixture.Host.BaseAddress, "/hubs/live", queryToken: await ViewerTokenAsync());

        await hub.InvokeAsync("Subscribe", new { type = new string('x', 20_000) });

        var closed = await hub.WaitForAsync(m => m["type"]?.GetValue<int>() == 7, Wait);
        Assert.True(closed is not null || hub.State != WebSocketState.Open, "the hub kept an oversized message");
    }
}
