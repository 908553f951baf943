using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Definitions;

public sealed class DefinitionsApiTests
{
    [Fact]
    public async Task PostEventDefinition_DuplicateKey_Returns400AtKey()
    {
        var secret = "api-" + Guid.NewGuid().ToString("N");
        await using var host = await DashboardHost.StartWithAdminAsync(secret);
        using var client = host.CreateBearerClient(secret);
        var body = new { key = "orders.created", sourceKind = "Http", httpRoute = "orders" };

        using var created = await client.PostAsJsonAsync("/api/event-definitions", body);
        using var duplicate = await client.PostAsJsonAsync("/api/event-definitions", body with { });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        using var problem = JsonDocument.Parse(await duplicate.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("key", out _));
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/event-definitions"));
        Assert.Equal(1, list.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task PostEventDefinition_WebSocketWithoutRouteOrOnAnHttpRoute_Returns400AtHttpRoute()
    {
        var secret = "api-" + Guid.NewGuid().ToString("N");
        await using var host = await DashboardHost.StartWithAdminAsync(secret);
        using var client = host.CreateBearerClient(secret);

        using var http = await client.PostAsJsonAsync("/api/event-definitions", new { key = "orders.hook", sourceKind = "Http", httpRoute = "orders" });
        using var noRoute = await client.PostAsJsonAsync("/api/event-definitions", new { key = "orders.stream", sourceKind = "WebSocket" });
        using var taken = await client.PostAsJsonAsync("/api/event-definitions", new { key = "orders.stream", sourceKind = "WebSocket", httpRoute = "/Orders/" });
        using var created = await client.PostAsJsonAsync("/api/event-definitions", new { key = "orders.stream", sourceKind = "WebSocket", httpRoute = "orders/stream" });

        Assert.Equal(HttpStatusCode.Created, http.StatusCode);
        foreach (var refused in new[] { noRoute, taken })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("httpRoute", out _), problem.RootElement.ToString());
        }

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal("WebSocket", body.RootElement.GetProperty("sourceKind").GetString());
    }

    [Fact]
    public async Task PutWorkflow_ChangedSteps_ListsTwoVersions()
    {
        var secret = "api-" + Guid.NewGuid().ToString("N");
        await using var host = await DashboardHost.StartWithAdminAsync(secret);
        using var client = host.CreateBearerClient(secret);

        using var created = await client.PostAsJsonAsync("/api/workflows", new { name = "notify", steps = new[] { new { name = "a", type = "log", settings = new { message = "v1" } } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        using var updated = await client.PutAsJsonAsync(location, new { name = "notify", steps = new[] { new { name = "a", type = "log", settings = new { message = "v2" } } } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        using var versions = JsonDocument.Parse(await client.GetStringAsync(location + "/versions"));
        Assert.Equal([2, 1], versions.RootElement.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
    }
}
