using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Data.Entities;
using Dashboard.IntegrationTests.Ingestion;

namespace Dashboard.IntegrationTests.Live;

public sealed class EventSearchTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    private async Task<HttpClient> ReaderAsync() =>
        fixture.Client(await fixture.CreateTokenAsync($"reader-{Guid.NewGuid():N}", ApiTokenRole.Viewer, TokenScopeKind.All, null, null));

    private async Task PostOrderAsync(string id, string orderId, int qty)
    {
        using var client = fixture.Client(fixture.Token);
        using var response = await client.PostAsync("/hooks/orders",
            IngestionFixture.Structured(IngestionFixture.Order(id, $$"""{"orderId":"{{orderId}}","qty":{{qty}}}""")));
        Assert.True(response.IsSuccessStatusCode, $"posting {id} answered {(int)response.StatusCode}");
    }

    private static async Task<JsonNode> SearchAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/events?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    [Fact]
    public async Task Search_ByPayloadPath_FindsOnlyMatchingEvent()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await PostOrderAsync($"s1-{tag}", $"P-{tag}-1", 1);
        await PostOrderAsync($"s2-{tag}", $"P-{tag}-2", 5);
        using var reader = await ReaderAsync();

        var byString = await SearchAsync(reader, $"payload={Uri.EscapeDataString($"$.orderId = \"P-{tag}-2\"")}");
        var byNumber = await SearchAsync(reader, $"payload={Uri.EscapeDataString("$.qty = 5")}&id=s2-{tag}");

        Assert.Equal(1, byString["total"]!.GetValue<long>());
        Assert.Equal($"s2-{tag}", byString["items"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(1, byNumber["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Search_ByAttributesAndTime_FiltersAndPages()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 3; i++)
        {
            await PostOrderAsync($"page-{tag}-{i}", $"Q-{tag}", i + 1);
        }

        using var reader = await ReaderAsync();
        var from = Uri.EscapeDataString(before.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        var page = await SearchAsync(reader, $"id=page-{tag}-*&type=com.example.order.created&source=/shop&from={from}&definition={fixture.OrdersDefinitionId}&take=2");
        var future = await SearchAsync(reader, $"id=page-{tag}-*&from=2999-01-01T00:00:00Z");

        Assert.Equal(3, page["total"]!.GetValue<long>());
        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.Equal($"page-{tag}-2", page["items"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(0, future["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Search_ByDuplicateOutcome_FindsEventsThatWereRepeated()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await PostOrderAsync($"dup-{tag}", "D-1", 1);
        await PostOrderAsync($"dup-{tag}", "D-1", 1);
        await PostOrderAsync($"single-{tag}", "D-2", 1);
        using var reader = await ReaderAsync();

        var duplicates = await SearchAsync(reader, $"outcome=Duplicate&id=dup-{tag}");
        var single = await SearchAsync(reader, $"outcome=Duplicate&id=single-{tag}");

        Assert.Equal(1, duplicates["total"]!.GetValue<long>());
        Assert.Equal(0, single["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Search_BadPayloadFilterOrAnonymous_IsRefused()
    {
        using var reader = await ReaderAsync();
        using var bad = await reader.GetAsync($"/api/events?payload={Uri.EscapeDataString("$.a' OR 1=1 = 1")}");
        using var anonymous = await fixture.Host.CreateClient().GetAsync("/api/events");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
