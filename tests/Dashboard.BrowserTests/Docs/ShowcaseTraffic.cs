using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;

namespace Dashboard.BrowserTests.Docs;

/// <summary>
/// Realistic traffic over real HTTP for the documentation screenshots: accepted orders whose runs succeed, schema
/// failures, a stolen token, sync quotes, and warehouse calls that dead-letter, one of which is replayed on the fixed
/// workflow. Returns what the screenshots link to.
/// </summary>
internal static partial class ShowcaseTraffic
{
    public sealed record Seeded(string IngestToken, long OrderSeq, long RejectedLedgerId, long QuoteWorkflowId, long QuoteDefinitionId);

    public static async Task<Seeded> SeedAsync(DashboardHost host)
    {
        using var admin = await host.CreateSignedInClientAsync();
        await ExpectOkAsync(await admin.PostAsync("/api/definitions/import?dryRun=false", new StringContent(ShowcaseDefinitions.Yaml, Encoding.UTF8, "text/yaml")));
        var token = (await ReadAsync(await admin.PostAsJsonAsync("/api/tokens", new { name = "web-shop", role = "Ingest", scopeKind = "All" })))["secret"]!.GetValue<string>();
        using var shop = host.CreateBearerClient(token);
        using var thief = host.CreateBearerClient("edt_stolen-or-revoked");

        long orderSeq = 0;
        for (var i = 0; i < 14; i++)
        {
            using var accepted = await PostAsync(shop, "shop/orders", $"order-{1040 + i}", "com.example.shop.order.created",
                $$"""{"orderId":"A-{{1040 + i}}","total":{{20 + (i * 7)}}.5,"currency":"{{(i % 3 == 0 ? "USD" : "EUR")}}"}""");
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            orderSeq = long.Parse(SeqPattern().Match(await accepted.Content.ReadAsStringAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
        }

        for (var i = 0; i < 3; i++)
        {
            using var invalid = await PostAsync(shop, "shop/orders", $"order-bad-{i}", "com.example.shop.order.created", """{"orderId":"","total":-5}""");
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            using var stolen = await PostAsync(thief, "shop/orders", $"order-stolen-{i}", "com.example.shop.order.created", """{"orderId":"X-1","total":1}""");
            Assert.Equal(HttpStatusCode.Unauthorized, stolen.StatusCode);
        }

        for (var i = 0; i < 4; i++)
        {
            using var quote = await PostAsync(shop, "shop/quote", $"quote-{i}", "com.example.quote", $$"""{"orderId":"A-{{1040 + i}}","qty":{{i + 2}}}""");
            Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        }

        await ReplayFixedShipmentAsync(host, admin, shop);
        using var store = SqliteFile.Open(host.DatabasePath);
        return new Seeded(token, orderSeq,
            Id(store, "SELECT MAX(Id) FROM ingestion_ledger WHERE Status = 401"),
            Id(store, "SELECT Id FROM workflow_definitions WHERE Name = 'quote'"),
            Id(store, "SELECT Id FROM event_definitions WHERE Key = 'shop.quote'"));
    }

    /// <summary>Two shipments dead-letter; the workflow is fixed and the first replayed on the current version.</summary>
    private static async Task ReplayFixedShipmentAsync(DashboardHost host, HttpClient admin, HttpClient shop)
    {
        for (var i = 0; i < 2; i++)
        {
            using var shipment = await PostAsync(shop, "warehouse/shipments", $"ship-{i}", "com.example.shipment", $$"""{"orderId":"A-{{1040 + i}}"}""");
            Assert.Equal(HttpStatusCode.Accepted, shipment.StatusCode);
        }

        using var store = SqliteFile.Open(host.DatabasePath);
        var workflowId = Id(store, "SELECT Id FROM workflow_definitions WHERE Name = 'notify-warehouse'");
        var dead = await WaitForAsync(admin, $"/api/workflows/{workflowId}/runs?state=DeadLettered", runs => runs.Count == 2);
        var fixedUrl = new Uri(host.BaseAddress, "healthz/live").ToString();
        var fixedSteps = JsonNode.Parse($$"""[{"name":"call-warehouse","type":"http","settings":{"method":"GET","url":"{{fixedUrl}}","retry":{"maxAttempts":1} } }]""");
        await ExpectOkAsync(await admin.PutAsJsonAsync($"/api/workflows/{workflowId}",
            new { name = "notify-warehouse", description = "Tell the warehouse that an order ships.", enabled = true, steps = fixedSteps }));
        var deadId = dead.Select(r => r!["id"]!.GetValue<long>()).Min();
        await ExpectOkAsync(await admin.PostAsJsonAsync($"/api/runs/{deadId}/replay", new { reason = "warehouse endpoint moved; replay on v2", version = "Current" }));
        await WaitForAsync(admin, $"/api/workflows/{workflowId}/runs?state=Succeeded", runs => runs.Count == 1);
    }

    /// <summary>Orders and stolen-token attempts over about ten seconds (five samples of the live charts, which plot what arrives while they are open).</summary>
    public static async Task LiveTrafficAsync(DashboardHost host, string token, string prefix)
    {
        using var shop = host.CreateBearerClient(token);
        using var thief = host.CreateBearerClient("edt_stolen-or-revoked");
        for (var i = 0; i < 20; i++)
        {
            using var accepted = await PostAsync(shop, "shop/orders", $"{prefix}-order-{i}", "com.example.shop.order.created",
                $$"""{"orderId":"B-{{2000 + i}}","total":{{10 + (i * 3)}}.25,"currency":"EUR"}""");
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            if (i % 5 == 0)
            {
                using var stolen = await PostAsync(thief, "shop/orders", $"{prefix}-stolen-{i}", "com.example.shop.order.created", """{"orderId":"X-2","total":1}""");
                Assert.Equal(HttpStatusCode.Unauthorized, stolen.StatusCode);
            }

            await Task.Delay(500); // spread over several chart samples
        }
    }

    private static long Id(SqliteConnection store, string sql) =>
        long.Parse(SqliteFile.Scalar(store, sql) ?? throw new InvalidOperationException($"No row for: {sql}"), CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string route, string id, string type, string data) =>
        client.PostAsync($"/hooks/{route}", new StringContent(
            $$"""{"specversion":"1.0","id":"{{id}}","source":"/shop","type":"{{type}}","datacontenttype":"application/json","data":{{data}}}""",
            Encoding.UTF8, "application/cloudevents+json"));

    private static async Task<JsonArray> WaitForAsync(HttpClient client, string path, Func<JsonArray, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonArray items = [];
        while (DateTime.UtcNow < deadline)
        {
            items = (JsonArray)(await ReadAsync(await client.GetAsync(path)))["items"]!;
            if (done(items))
            {
                return items;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"GET {path} did not reach the expected state: {items.ToJsonString()}");
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
            return JsonNode.Parse(text)!;
        }
    }

    private static async Task ExpectOkAsync(HttpResponseMessage response) => await ReadAsync(response);

    [GeneratedRegex("\"seq\"\\s*:\\s*(\\d+)")]
    private static partial Regex SeqPattern();
}
