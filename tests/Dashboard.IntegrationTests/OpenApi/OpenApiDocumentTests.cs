using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Testing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;

namespace Dashboard.IntegrationTests.OpenApi;

/// <summary>The OpenAPI document: valid OpenAPI 3.1, one operation per enabled HTTP definition with its schema, live with changes.</summary>
public sealed class OpenApiDocumentTests
{
    private const string OrderSchema = """
        {"type":"object","required":["orderId"],"properties":{"orderId":{"type":"string","minLength":1},"qty":{"type":"integer","minimum":1},"tags":{"type":"array","items":{"type":"string"}}},"additionalProperties":false}
        """;

    private static readonly string[] ContractStatuses = ["200", "202", "400", "401", "403", "404", "405", "410", "413", "415", "429", "503"];

    [Fact]
    public async Task GetOpenApi_JsonAndYaml_ParseAsValidOpenApi31WithEveryDefinitionAndTheAdminApi()
    {
        var secret = "api-" + Guid.NewGuid().ToString("N");
        await using var host = await DashboardHost.StartWithAdminAsync(secret);
        using var client = host.CreateBearerClient(secret);
        await CreateAsync(client, new { key = "orders.created", sourceKind = "Http", httpRoute = "orders", typeFilter = "com.example.order", dataSchema = OrderSchema });
        await CreateAsync(client, new { key = "signed.hook", sourceKind = "Http", httpRoute = "signed", httpMethod = "PUT", authMode = "Hmac", newHmacSecret = "signing-secret-0123456789" });
        await CreateAsync(client, new { key = "open.hook", sourceKind = "Http", httpRoute = "open", authMode = "Public" });
        await CreateAsync(client, new { key = "nightly", sourceKind = "Cron", cronExpression = "0 3 * * *" });

        foreach (var format in new[] { "json", "yaml" })
        {
            var text = await client.GetStringAsync($"/openapi/v1.{format}");
            var settings = new OpenApiReaderSettings();
            settings.AddYamlReader();
            var read = OpenApiDocument.Parse(text, format, settings);

            Assert.Empty(read.Diagnostic!.Errors);
            Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
            var document = read.Document!;
            Assert.Empty(document.Validate(Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet()) ?? []);
            Assert.True(document.Paths.ContainsKey("/api/event-definitions"), $"{format}: the admin API is missing");
            Assert.Equal(["/hooks/open", "/hooks/orders", "/hooks/signed"], document.Paths.Keys.Where(p => p.StartsWith("/hooks/", StringComparison.Ordinal)).Order());

            var orders = document.Paths["/hooks/orders"].Operations![HttpMethod.Post];
            Assert.Equal(ContractStatuses.Order(), orders.Responses!.Keys.Order());
            Assert.Contains("application/cloudevents+json", orders.RequestBody!.Content!.Keys);
            Assert.Contains("application/cloudevents-batch+json", orders.RequestBody.Content.Keys);
            Assert.Contains(orders.Parameters!, p => p.Name == "ce-id" && p.In == ParameterLocation.Header);
            Assert.Equal(["accessToken", "bearer"], orders.Security!.SelectMany(r => r.Keys).Select(k => k.Reference.Id!).Order());

            var signed = document.Paths["/hooks/signed"].Operations![HttpMethod.Put];
            Assert.Equal(["webhookSignature"], signed.Security!.SelectMany(r => r.Keys).Select(k => k.Reference.Id!));
            Assert.Contains(signed.Parameters!, p => p.Name == "webhook-timestamp" && p.Required);
            Assert.True(document.Paths["/hooks/open"].Operations![HttpMethod.Post].Security is null or { Count: 0 });
            Assert.Contains(document.Paths["/api/event-definitions"].Operations!.Values, o => o.Security is { Count: > 0 });
        }
    }

    [Fact]
    public async Task GetOpenApi_DefinitionCreatedThroughApi_DataSchemaRoundTripsIntoTheOperation()
    {
        var secret = "api-" + Guid.NewGuid().ToString("N");
        await using var host = await DashboardHost.StartWithAdminAsync(secret);
        using var client = host.CreateBearerClient(secret);
        await CreateAsync(client, new { key = "orders.created", sourceKind = "Http", httpRoute = "orders", typeFilter = "com.example.order", dataSchema = OrderSchema });

        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var content = document["paths"]!["/hooks/orders"]!["post"]!["requestBody"]!["content"]!;

        var expected = JsonNode.Parse(OrderSchema);
        Assert.True(JsonNode.DeepEquals(expected, content["application/cloudevents+json"]!["schema"]!["properties"]!["data"]),
            content["application/cloudevents+json"]!["schema"]!["properties"]!["data"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(expected, content["application/cloudevents-batch+json"]!["schema"]!["items"]!["properties"]!["data"]));
        Assert.True(JsonNode.DeepEquals(expected, content["application/json"]!["schema"]));
        Assert.Equal("com.example.order", (string?)content["application/cloudevents+json"]!["schema"]!["properties"]!["type"]!["const"]);
    }

    [Fact]
    public async Task GetOpenApi_SyncDefinition_Answers200WithItsResponseSchemaAnd504()
    {
        var secret = "api-" + Guid.NewGuid().ToString("N");
        await using var host = await DashboardHost.StartWithAdminAsync(secret);
        using var client = host.CreateBearerClient(secret);
        const string responseSchema = """{"type":"object","required":["total"],"properties":{"total":{"type":"number"}}}""";
        var yaml = $$"""
            version: 1
            workflows:
              - name: quote
                steps:
                  - name: answer
                    type: respond
                    settings: { status: 200, body: { total: 1 } }
            events:
              - key: orders.quote
                source: http
                route: quote
                mode: sync
                auth: token
                workflows: [quote]
                responseSchema: {{responseSchema}}
            """;
        using var imported = await client.PostAsync("/api/definitions/import?dryRun=false", new StringContent(yaml, System.Text.Encoding.UTF8, "text/yaml"));
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());

        var responses = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!["paths"]!["/hooks/quote"]!["post"]!["responses"]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(responseSchema), responses["200"]!["content"]!["application/json"]!["schema"]),
            responses["200"]!.ToJsonString());
        Assert.NotNull(responses["504"]);
        Assert.NotNull(responses["502"]);
        Assert.Null(responses["202"]);
    }

    [Fact]
    public async Task GetOpenApi_DefinitionDisabledThenChanged_DocumentFollowsWithoutRestart()
    {
        var secret = "api-" + Guid.NewGuid().ToString("N");
        await using var host = await DashboardHost.StartWithAdminAsync(secret);
        using var client = host.CreateBearerClient(secret);
        var definition = new { key = "orders.created", sourceKind = "Http", httpRoute = "orders", enabled = true };
        var location = await CreateAsync(client, definition);
        Assert.NotNull(JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!["paths"]!["/hooks/orders"]);

        using (var disabled = await client.PutAsJsonAsync(location, definition with { enabled = false }))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        Assert.Null(JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!["paths"]!["/hooks/orders"]);

        using (var moved = await client.PutAsJsonAsync(location, new { key = "orders.created", sourceKind = "Http", httpRoute = "orders/v2", enabled = true }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var paths = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!["paths"]!;
        Assert.NotNull(paths["/hooks/orders/v2"]);
        Assert.Null(paths["/hooks/orders"]);
    }

    [Fact]
    public async Task GetOpenApiAndReference_SignedInOrNot_ReferenceServedDocumentRequiresSignIn()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using (var anonymous = host.CreateClient())
        {
            using var document = await anonymous.GetAsync("/openapi/v1.json");
            Assert.Equal(HttpStatusCode.Unauthorized, document.StatusCode);
            using var reference = await anonymous.GetAsync("/reference/");
            Assert.Equal(HttpStatusCode.Redirect, reference.StatusCode);
            Assert.Contains("/account/login", reference.Headers.Location?.OriginalString);
        }

        using var client = await host.CreateSignedInClientAsync();
        using (var bare = await client.GetAsync("/reference"))
        {
            Assert.Equal("reference/", bare.Headers.Location?.OriginalString);
        }

        using var page = await client.GetAsync("/reference/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi", await page.Content.ReadAsStringAsync());
        Assert.Contains("href=\"reference/\"", await client.GetStringAsync("/"));
        using var yaml = await client.GetAsync("/openapi/v1.yaml");
        Assert.Equal(HttpStatusCode.OK, yaml.StatusCode);
    }

    private static async Task<string> CreateAsync(HttpClient client, object definition)
    {
        using var created = await client.PostAsJsonAsync("/api/event-definitions", definition);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return created.Headers.Location!.ToString();
    }
}
