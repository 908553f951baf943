using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Definitions;

/// <summary>Event definition versions, the auth rule for manual and cron sources, and consumer lag, over the API and the page.</summary>
public sealed class EventDefinitionHistoryTests : IAsyncLifetime
{
    private DashboardHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartWithAdminAsync();
        _admin = await _host.CreateSignedInClientAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Versions_SaveChangedThenUnchanged_AddsOneVersionPerChangeAndDiffsThem()
    {
        var id = await CreateAsync(new { key = "orders.versioned", sourceKind = "Http", httpRoute = "versioned", authMode = "Token", description = "first" });
        await UpdateAsync(id, new { key = "orders.versioned", sourceKind = "Http", httpRoute = "versioned", authMode = "Token", description = "total > 0" });
        await UpdateAsync(id, new { key = "orders.versioned", sourceKind = "Http", httpRoute = "versioned", authMode = "Token", description = "total > 0" });

        var versions = (await GetAsync($"/api/event-definitions/{id}/versions")).AsArray();
        var diff = await GetAsync($"/api/event-definitions/{id}/versions/diff?from=1&to=2");
        using var missing = await _admin.GetAsync($"/api/event-definitions/{id}/versions/diff?from=1&to=9");
        using var bad = await _admin.GetAsync($"/api/event-definitions/{id}/versions/diff?from=0&to=2");

        Assert.Equal([2, 1], versions.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal("admin", versions[0]!["createdBy"]!.GetValue<string>());
        Assert.Contains("\"description\": \"total > 0\"", versions[0]!["snapshot"]!.GetValue<string>(), StringComparison.Ordinal);
        var changed = diff["lines"]!.AsArray().Where(l => l!["kind"]!.GetValue<string>() != "Same").Select(l => $"{l!["kind"]}:{l["text"]!.GetValue<string>().Trim()}");
        Assert.Equal(["Removed:\"description\": \"first\",", "Added:\"description\": \"total > 0\","], changed);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task EditPage_SavedTwice_ShowsVersionsAndLatestDiff()
    {
        var id = await CreateAsync(new { key = "orders.paged", sourceKind = "Http", httpRoute = "paged", authMode = "Token", typeFilter = "a.one" });
        await UpdateAsync(id, new { key = "orders.paged", sourceKind = "Http", httpRoute = "paged", authMode = "Token", typeFilter = "a.two" });

        var html = await _admin.GetStringAsync($"/event-definitions/{id}");

        Assert.Equal(2, html.Split("data-testid=\"definition-version\"").Length - 1);
        Assert.Contains("data-testid=\"definition-diff\"", html, StringComparison.Ordinal);
        Assert.Contains("background:#E8F5E9", html, StringComparison.Ordinal);
        Assert.Contains("background:#FFEBEE", html, StringComparison.Ordinal);
        Assert.Contains("a.two", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Manual")]
    [InlineData("Cron")]
    public async Task Save_ManualOrCronWithHmacSecret_Answers400OnTheSecret(string kind)
    {
        using var response = await _admin.PostAsJsonAsync("/api/event-definitions", new
        {
            key = $"inside.{kind.ToLowerInvariant()}", sourceKind = kind, cronExpression = "*/5 * * * *", authMode = "Hmac", newHmacSecret = "0123456789abcdef0123",
        });
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem["errors"]!["newHmacSecret"]);
    }

    [Fact]
    public async Task EditPage_ManualDefinition_ShowsNoAuthenticationSelector()
    {
        var manual = await CreateAsync(new { key = "inside.manual", sourceKind = "Manual" });
        var http = await CreateAsync(new { key = "outside.http", sourceKind = "Http", httpRoute = "outside", authMode = "Token" });

        var manualHtml = await _admin.GetStringAsync($"/event-definitions/{manual}");
        var httpHtml = await _admin.GetStringAsync($"/event-definitions/{http}");

        Assert.DoesNotContain("field-auth-mode", manualHtml, StringComparison.Ordinal);
        Assert.Contains("field-auth-mode", httpHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsumerLag_NatsDefinitionWithoutTransport_AppliesButReportsNoConsumer()
    {
        var nats = await CreateAsync(new { key = "shop.nats", sourceKind = "Nats", natsSubject = "shop.orders", natsStream = "SHOP", authMode = "Public" });
        var http = await CreateAsync(new { key = "shop.http", sourceKind = "Http", httpRoute = "shop", authMode = "Token" });

        var natsLag = await GetAsync($"/api/event-definitions/{nats}/consumer-lag");
        var httpLag = await GetAsync($"/api/event-definitions/{http}/consumer-lag");
        using var missing = await _admin.GetAsync("/api/event-definitions/999999/consumer-lag");

        Assert.True(natsLag["applies"]!.GetValue<bool>());
        Assert.Null(natsLag["lag"]);
        Assert.False(httpLag["applies"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task<long> CreateAsync(object body)
    {
        using var response = await _admin.PostAsJsonAsync("/api/event-definitions", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }

    private async Task UpdateAsync(long id, object body)
    {
        using var response = await _admin.PutAsJsonAsync($"/api/event-definitions/{id}", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> GetAsync(string path)
    {
        using var response = await _admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
