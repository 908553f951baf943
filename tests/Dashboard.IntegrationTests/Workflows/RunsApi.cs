using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Workflows;

/// <summary>Drives the app the way an operator's script would: definitions, events and runs over its HTTP API.</summary>
public sealed class RunsApi(HttpClient client)
{
    public HttpClient Client { get; } = client;

    /// <summary>
    /// Starts a host with the admin account, an admin API token and a 0.2 s run poll, and returns it with a
    /// <see cref="RunsApi"/> that calls it with that token (the caller disposes both).
    /// </summary>
    public static async Task<(DashboardHost Host, RunsApi Api)> StartHostAsync()
    {
        var token = "runs-" + Guid.NewGuid().ToString("N");
        var host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser,
            ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Setup:AdminApiToken"] = token,
            ["Workflows:PollIntervalSeconds"] = "0.2",
        });
        return (host, new RunsApi(host.CreateBearerClient(token)));
    }

    /// <summary>Creates a workflow and a public HTTP event definition on /hooks/<paramref name="route"/> bound to it.</summary>
    public async Task<long> CreateWorkflowAsync(string name, string route, string stepsJson)
    {
        var workflowId = await SaveWorkflowAsync(name, stepsJson, null);
        using var definition = await Client.PostAsJsonAsync("/api/event-definitions", new
        {
            key = $"{name}.event", sourceKind = "Http", httpRoute = route, authMode = "Public", workflowNames = new[] { name },
        });
        Assert.True(definition.IsSuccessStatusCode, await definition.Content.ReadAsStringAsync());
        return workflowId;
    }

    public async Task<long> SaveWorkflowAsync(string name, string stepsJson, long? id)
    {
        var body = new JsonObject { ["name"] = name, ["steps"] = JsonNode.Parse(stepsJson) };
        using var response = id is null
            ? await Client.PostAsync("/api/workflows", Json(body))
            : await Client.PutAsync($"/api/workflows/{id}", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }

    public async Task SendAsync(string route, string id, string dataJson)
    {
        var cloudEvent = $$"""{"specversion":"1.0","id":"{{id}}","source":"/tests","type":"test.event","datacontenttype":"application/json","data":{{dataJson}}}""";
        using var response = await Client.PostAsync($"/hooks/{route}", new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public async Task<JsonArray> RunsAsync(long workflowId, string? state = null) =>
        (JsonArray)(await GetAsync($"/api/workflows/{workflowId}/runs?pageSize=200{(state is null ? "" : $"&state={state}")}"))["items"]!;

    public Task<JsonNode> RunAsync(long runId) => GetAsync($"/api/runs/{runId}");

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> PostAsync(string path, object body)
    {
        using var response = await Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Polls until a run of the workflow satisfies <paramref name="condition"/>; fails with the last runs seen.</summary>
    public async Task<JsonNode> WaitForRunAsync(long workflowId, Func<JsonNode, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        JsonArray runs = [];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                runs = await RunsAsync(workflowId);
                if (runs.FirstOrDefault(r => r is not null && condition(r)) is { } match)
                {
                    return match;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No run of workflow {workflowId} matched in time. Runs: {runs.ToJsonString()}");
    }

    public static bool Is(JsonNode run, string state) => run["state"]!.GetValue<string>() == state;

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static string Str(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node?.ToJsonString() ?? "null";
}
