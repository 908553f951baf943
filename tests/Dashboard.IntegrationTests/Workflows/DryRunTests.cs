using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.Testing;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>A workflow dry run on the real host: a sample from the bound schema, in-process steps run, outside effects only reported.</summary>
public sealed class DryRunTests : IAsyncLifetime
{
    private const string Schema = """{"type":"object","required":["total"],"properties":{"total":{"type":"number","minimum":5}}}""";
    private readonly string _token = "dr-" + Guid.NewGuid().ToString("N");
    private DashboardHost _host = null!;
    private TestServer _server = null!;
    private RunsApi _api = null!;
    private long _workflowId;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser,
            ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Setup:AdminApiToken"] = _token,
        });
        _server = await TestServer.StartAsync();
        _api = new RunsApi(_host.CreateBearerClient(_token));
        _workflowId = await _api.SaveWorkflowAsync("dry-flow", """
            [
              {"name":"vars","type":"set","settings":{"variables":{"kept":"{{ event.data.total }}"}}},
              {"name":"notify","type":"http","settings":{"url":"__URL__","body":{"total":"{{ event.data.total }}","kept":"{{ vars.kept }}"}}},
              {"name":"note","type":"log","settings":{"message":"total {{ event.data.total }}"}}
            ]
            """.Replace("__URL__", _server.Url("/notify"), StringComparison.Ordinal), null);
        using var definition = await _api.Client.PostAsJsonAsync("/api/event-definitions", new
        {
            key = "dry.orders", sourceKind = "Http", httpRoute = "dry-orders", authMode = "Token", dataSchema = Schema, workflowNames = new[] { "dry-flow" },
        });
        Assert.True(definition.IsSuccessStatusCode, await definition.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        _api.Client.Dispose();
        await _server.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Sample_BoundDefinitionWithSchema_IsAnInstanceOfTheSchema()
    {
        var sample = await _api.GetAsync($"/api/workflows/{_workflowId}/dry-run/sample");

        Assert.Equal("dry.orders", Str(sample["definitionKey"]));
        Assert.True(sample["data"]!["total"]!.GetValue<double>() >= 5);
    }

    [Fact]
    public async Task DryRun_HttpStep_ReportsWhatItWouldSendAndSendsNothingNorStoresARun()
    {
        var result = await _api.PostAsync($"/api/workflows/{_workflowId}/dry-run", new { data = new { total = 21 } });
        var runs = await _api.GetAsync($"/api/workflows/{_workflowId}/runs");

        Assert.True(result["succeeded"]!.GetValue<bool>(), result.ToJsonString());
        var steps = result["steps"]!.AsArray();
        Assert.Equal(["vars:Succeeded", "notify:Simulated", "note:Succeeded"], steps.Select(s => $"{Str(s!["name"])}:{Str(s["state"])}"));
        var wouldSend = steps[1]!["output"]!["wouldSend"]!;
        Assert.Equal(_server.Url("/notify"), Str(wouldSend["url"]));
        Assert.Equal(21, wouldSend["body"]!["total"]!.GetValue<double>());
        Assert.Equal(21, wouldSend["body"]!["kept"]!.GetValue<double>());
        Assert.Equal(21, result["variables"]!["kept"]!.GetValue<double>());
        Assert.Empty(_server.Requests);
        Assert.Equal(0, runs["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task DryRun_TemplateNeedsMissingField_FailsAtThatStepNamingTheField()
    {
        var result = await _api.PostAsync($"/api/workflows/{_workflowId}/dry-run", new { data = new { other = 1 } });

        Assert.False(result["succeeded"]!.GetValue<bool>());
        var failed = Assert.Single(result["steps"]!.AsArray())!;
        Assert.Equal("Failed", Str(failed["state"]));
        Assert.Contains("settings.variables", Str(failed["error"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRun_UnknownVersionOrWorkflow_Answers400Or404()
    {
        using var badVersion = await _api.Client.PostAsJsonAsync($"/api/workflows/{_workflowId}/dry-run", new { data = new { total = 5 }, version = 9 });
        using var missing = await _api.Client.PostAsJsonAsync("/api/workflows/999999/dry-run", new { data = new { total = 5 } });

        Assert.Equal(HttpStatusCode.BadRequest, badVersion.StatusCode);
        Assert.NotNull(JsonNode.Parse(await badVersion.Content.ReadAsStringAsync())!["errors"]!["version"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task WorkflowPage_SavedWorkflow_ShowsDryRunSectionWithSampleData()
    {
        using var browser = await _host.CreateSignedInClientAsync();

        var html = await browser.GetStringAsync($"/workflows/{_workflowId}");

        Assert.Contains("data-testid=\"workflow-dry-run\"", html, StringComparison.Ordinal);
        Assert.Contains("dry.orders", html, StringComparison.Ordinal);
        Assert.Contains("total", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"dry-run-start\"", html, StringComparison.Ordinal);
    }
}
