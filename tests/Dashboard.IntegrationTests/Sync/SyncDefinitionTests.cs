using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Sync;

/// <summary>Saving sync definitions through the admin API: each bad setting is a 400 naming its field; answers survive a restart.</summary>
public sealed class SyncDefinitionTests
{
    private static Dictionary<string, string> Settings(string token) => new()
    {
        ["Setup:AdminUser"] = DashboardHost.AdminUser,
        ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
        ["Setup:AdminApiToken"] = token,
        ["Workflows:PollIntervalSeconds"] = "0.2",
    };

    [Theory]
    [InlineData("""{"mode":"sync","workflowNames":["a","b"]}""", "workflowNames")]
    [InlineData("""{"mode":"sync","workflowNames":[]}""", "workflowNames")]
    [InlineData("""{"mode":"sync","workflowNames":["a"],"responseSchema":"{\"type\":\"nope\"}"}""", "responseSchema")]
    [InlineData("""{"mode":"sync","workflowNames":["a"],"responseSchema":"{not json"}""", "responseSchema")]
    [InlineData("""{"mode":"sync","workflowNames":["a"],"timeoutSeconds":121}""", "timeoutSeconds")]
    [InlineData("""{"mode":"sync","workflowNames":["a"],"timeoutSeconds":0}""", "timeoutSeconds")]
    [InlineData("""{"mode":"sync","sourceKind":"Cron","cronExpression":"* * * * *","workflowNames":["a"]}""", "mode")]
    [InlineData("""{"validationErrorBody":"[1,2]"}""", "validationErrorBody")]
    public async Task PostEventDefinition_BadSyncSetting_Returns400NamingField(string overrides, string field)
    {
        var token = "def-" + Guid.NewGuid().ToString("N");
        await using var host = await DashboardHost.StartAsync(Settings(token));
        using var client = host.CreateBearerClient(token);
        var runs = new RunsApi(client);
        await runs.SaveWorkflowAsync("a", """[{"name":"x","type":"log","settings":{"message":"a"}}]""", null);
        await runs.SaveWorkflowAsync("b", """[{"name":"x","type":"log","settings":{"message":"b"}}]""", null);
        var body = new JsonObject { ["key"] = "orders.quote", ["sourceKind"] = "Http", ["httpRoute"] = "quote", ["authMode"] = "Public" };
        foreach (var (name, value) in JsonNode.Parse(overrides)!.AsObject())
        {
            body[name] = value?.DeepClone();
        }

        using var response = await client.PostAsJsonAsync("/api/event-definitions", body);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem["errors"]?[field] is not null, problem.ToJsonString());
    }

    [Fact]
    public async Task GetEventDefinition_SyncSaved_ReadsBackModeSchemaAndTimeout()
    {
        var token = "def-" + Guid.NewGuid().ToString("N");
        await using var host = await DashboardHost.StartAsync(Settings(token));
        using var client = host.CreateBearerClient(token);
        await new SyncApi(new RunsApi(client)).CreateAsync("readback", """[{"name":"x","type":"respond","settings":{"body":{"ok":true}}}]""",
            responseSchema: """{"type":"object"}""", timeoutSeconds: 7);

        var list = JsonNode.Parse(await client.GetStringAsync("/api/event-definitions"))!.AsArray();
        var id = list.Single()!["id"]!.GetValue<long>();
        var definition = JsonNode.Parse(await client.GetStringAsync($"/api/event-definitions/{id}"))!;

        Assert.Equal("sync", definition["mode"]!.GetValue<string>());
        Assert.Equal(7, definition["timeoutSeconds"]!.GetValue<int>());
        Assert.Equal("""{"type":"object"}""", definition["responseSchema"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostSyncEvent_DuplicateAfterRestart_AnswersStoredResponse()
    {
        var token = "def-" + Guid.NewGuid().ToString("N");
        var host = await DashboardHost.StartAsync(Settings(token));
        var dataPath = host.DataPath;
        (int Status, JsonNode? Body, string Text) first;
        using (var client = host.CreateBearerClient(token))
        {
            var api = new SyncApi(new RunsApi(client));
            await api.CreateAsync("kept", """[{"name":"answer","type":"respond","settings":{"body":{"at":"{{ now() }}"}}}]""");
            first = await api.SendAsync("kept", "k-1", "{}");
        }

        await host.StopKeepingDataAsync();
        await using var restarted = await DashboardHost.StartAsync(Settings(token), existingDataPath: dataPath);
        using var again = restarted.CreateBearerClient(token);
        var retry = await new SyncApi(new RunsApi(again)).SendAsync("kept", "k-1", "{}");

        Assert.True(first.Status == 200, first.Text);
        Assert.True(retry.Status == 200, retry.Text);
        Assert.Equal(first.Body!.ToJsonString(), retry.Body!.ToJsonString());
    }
}
