using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.CloudEventBindings.Tests.Conformance;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>The shared conformance vectors posted to the running endpoint (/hooks/open, a public route): black-box conformance.</summary>
public sealed class ConformanceEndpointTests(IngestionFixture fixture) : IClassFixture<IngestionFixture>
{
    public static TheoryData<string> ValidEvents => ConformanceData.Ids("valid-events.json");

    public static TheoryData<string> InvalidEvents => ConformanceData.Ids("invalid-events.json");

    public static TheoryData<string> ValidBatches => ConformanceData.Ids("valid-batches.json");

    public static TheoryData<string> InvalidBatches => ConformanceData.Ids("invalid-batches.json");

    [ConformanceTheory]
    [MemberData(nameof(ValidEvents))]
    public async Task PostHook_ValidVectorInStructuredAndBinaryMode_Returns202(string id)
    {
        var vector = Find("valid-events.json", id).GetProperty("event");
        using var client = fixture.Client();

        using var structured = await client.PostAsync("/hooks/open", VectorRequests.Structured(VectorRequests.WithId(vector, $"{id}-structured")));
        using var binary = await client.PostAsync("/hooks/open", VectorRequests.Binary(VectorRequests.WithId(vector, $"{id}-binary")));

        Assert.True(structured.StatusCode == HttpStatusCode.Accepted, $"structured: {(int)structured.StatusCode} {await structured.Content.ReadAsStringAsync()}");
        Assert.True(binary.StatusCode == HttpStatusCode.Accepted, $"binary: {(int)binary.StatusCode} {await binary.Content.ReadAsStringAsync()}");
    }

    [ConformanceTheory]
    [MemberData(nameof(InvalidEvents))]
    public async Task PostHook_InvalidVector_Returns400NamingTheProblem(string id)
    {
        var vector = Find("invalid-events.json", id).GetProperty("event");
        using var client = fixture.Client();

        using var response = await client.PostAsync("/hooks/open", VectorRequests.Structured(JsonNode.Parse(vector.GetRawText())!));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Path.StartsWith('$') && e.Message.Length > 0, $"{e.Path}: {e.Message}"));
    }

    [ConformanceTheory]
    [MemberData(nameof(ValidBatches))]
    public async Task PostHook_ValidBatchVector_Returns202WithEveryEvent(string id)
    {
        var batch = JsonNode.Parse(Find("valid-batches.json", id).GetProperty("batch").GetRawText())!.AsArray();
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i]!["id"] = $"{batch[i]!["id"]}-{id}-{i}";
        }

        using var client = fixture.Client();
        using var response = await client.PostAsync("/hooks/open", VectorRequests.Structured(batch, "application/cloudevents-batch+json"));

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(batch.Count, body.GetProperty("accepted").GetInt32());
    }

    [ConformanceTheory]
    [MemberData(nameof(InvalidBatches))]
    public async Task PostHook_InvalidBatchVector_Returns400NamingTheIndex(string id)
    {
        var batch = Find("invalid-batches.json", id).GetProperty("batch");
        using var client = fixture.Client();

        using var response = await client.PostAsync("/hooks/open", VectorRequests.Structured(JsonNode.Parse(batch.GetRawText())!, "application/cloudevents-batch+json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Matches(@"^\$\[\d+\]", e.Path));
    }

    internal static async Task<List<(string Path, string Message)>> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("path").GetString()!, e.GetProperty("message").GetString()!)).ToList();
    }

    private static JsonElement Find(string file, string id) => ConformanceData.Tests(file).Single(t => t.Id == id).Test;
}
