using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.IntegrationTests.Workflows;

namespace Dashboard.IntegrationTests.Sync;

/// <summary>Creates sync event definitions and sends them single CloudEvents, as a client of the ingestion contract.</summary>
public sealed class SyncApi(RunsApi runs)
{
    public RunsApi Runs { get; } = runs;

    /// <summary>A workflow and a public sync HTTP definition on /hooks/<paramref name="route"/> bound to it.</summary>
    public async Task<long> CreateAsync(string name, string stepsJson, string? responseSchema = null, int timeoutSeconds = 30, string? validationErrorBody = null,
        string? dataSchema = null)
    {
        var workflowId = await Runs.SaveWorkflowAsync(name, stepsJson, null);
        using var definition = await Runs.Client.PostAsJsonAsync("/api/event-definitions", new
        {
            key = $"{name}.event", sourceKind = "Http", httpRoute = name, authMode = "Public", workflowNames = new[] { name },
            mode = "sync", responseSchema, timeoutSeconds, validationErrorBody, dataSchema,
        });
        Assert.True(definition.IsSuccessStatusCode, await definition.Content.ReadAsStringAsync());
        return workflowId;
    }

    public static StringContent Event(string id, string dataJson) => new(
        $$"""{"specversion":"1.0","id":"{{id}}","source":"/tests/sync","type":"test.sync","datacontenttype":"application/json","data":{{dataJson}}}""",
        Encoding.UTF8, "application/cloudevents+json");

    public async Task<(int Status, JsonNode? Body, string Text)> SendAsync(string route, string id, string dataJson, CancellationToken cancellationToken = default)
    {
        using var response = await Runs.Client.PostAsync($"/hooks/{route}", Event(id, dataJson), cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text);
    }
}
