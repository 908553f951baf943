using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Testing;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Firing;

/// <summary><c>POST /api/event-definitions/{id}/fire</c> on the real host: role-gated, through the pipeline, with the initiator recorded.</summary>
public sealed class FireEndpointTests : IAsyncLifetime
{
    private const string Password = "fire-test-password";
    private readonly string _token = "fire-" + Guid.NewGuid().ToString("N");
    private DashboardHost _host = null!;
    private RunsApi _admin = null!;
    private long _workflowId;
    private long _definitionId;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser,
            ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Setup:AdminApiToken"] = _token,
            ["Workflows:PollIntervalSeconds"] = "0.2",
        });
        _admin = new RunsApi(_host.CreateBearerClient(_token));
        _workflowId = await _admin.SaveWorkflowAsync("fired-flow", """[{"name":"note","type":"log","settings":{"message":"order {{ event.data.orderId }}"}}]""", null);
        using var definition = await _admin.Client.PostAsJsonAsync("/api/event-definitions", new
        {
            key = "orders.fired", sourceKind = "Http", httpRoute = "fired", authMode = "Token", typeFilter = "com.example.fired",
            dataSchema = """{"type":"object","required":["orderId"],"properties":{"orderId":{"type":"string"}}}""",
            workflowNames = new[] { "fired-flow" },
        });
        var text = await definition.Content.ReadAsStringAsync();
        Assert.True(definition.IsSuccessStatusCode, text);
        _definitionId = JsonNode.Parse(text)!["id"]!.GetValue<long>();
        foreach (var (name, role) in new[] { ("viewer1", "Viewer"), ("operator1", "Operator") })
        {
            using var created = await _admin.Client.PostAsJsonAsync("/api/users", new { userName = name, password = Password, role });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
    }

    public async Task DisposeAsync()
    {
        _admin.Client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Fire_AsViewer_Forbidden()
    {
        using var viewer = await _host.CreateSignedInClientAsync("viewer1", Password);

        using var response = await viewer.PostAsJsonAsync($"/api/event-definitions/{_definitionId}/fire", new { data = new { orderId = "v-1" } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Fire_AsOperatorWithData_StoresEventWithInitiatorRunsWorkflowAndLogsActivity()
    {
        using var operatorClient = await _host.CreateSignedInClientAsync("operator1", Password);

        using var response = await operatorClient.PostAsJsonAsync($"/api/event-definitions/{_definitionId}/fire", new { data = new { orderId = "o-1" } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/dashboard/manual", Str(body["source"]));
        var stored = await _admin.GetAsync($"/api/events/by-seq/{body["seq"]!.GetValue<long>()}");
        Assert.Equal("user:operator1", Str(stored["initiator"]));
        Assert.Equal("com.example.fired", Str(stored["type"]));
        await _admin.WaitForRunAsync(_workflowId, r => Is(r, "Succeeded"));
        var activity = (await _admin.GetAsync($"/api/workflows/{_workflowId}/activity"))["items"]!.AsArray();
        Assert.Contains(activity, a => Str(a!["kind"]) == "manual-fire" && Str(a["actor"]) == "user:operator1"
            && Str(a["message"]).StartsWith("manual fire by user:operator1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fire_WholeCloudEventTwice_SecondIsDuplicate()
    {
        using var operatorClient = await _host.CreateSignedInClientAsync("operator1", Password);
        var cloudEvent = new { specversion = "1.0", id = "fixed-1", source = "/ops", type = "com.example.fired", data = new { orderId = "x" } };

        using var first = await operatorClient.PostAsJsonAsync($"/api/event-definitions/{_definitionId}/fire", cloudEvent);
        using var second = await operatorClient.PostAsJsonAsync($"/api/event-definitions/{_definitionId}/fire", cloudEvent);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("\"duplicate\":true", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fire_DataFailingSchema_BadRequestNamingThePath()
    {
        using var operatorClient = await _host.CreateSignedInClientAsync("operator1", Password);

        using var response = await operatorClient.PostAsJsonAsync($"/api/event-definitions/{_definitionId}/fire", new { data = new { orderId = 7 } });
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.data.orderId", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fire_BodyWithoutDataOrSpecversion_BadRequest_UnknownDefinition_NotFound()
    {
        using var operatorClient = await _host.CreateSignedInClientAsync("operator1", Password);

        using var invalid = await operatorClient.PostAsJsonAsync($"/api/event-definitions/{_definitionId}/fire", new { orderId = "x" });
        using var unknown = await operatorClient.PostAsJsonAsync("/api/event-definitions/99999/fire", new { data = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
