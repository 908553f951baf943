using System.Text.Json.Nodes;
using Dashboard.IntegrationTests.Sync;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Testing;
using Xunit.Abstractions;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;

namespace Dashboard.IntegrationTests.ScaleOut;

/// <summary>
/// Sync events posted to a scale-out worker, which forwards them to the owner's ingest stream: the caller still gets its
/// workflow's answer, passed on from the owner when the run's end commits there, or read from the owner for a retry.
/// </summary>
public sealed class ScaleOutSyncTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private ScaleOutDeployment _deployment = null!;
    private HttpClient _ownerApi = null!;
    private HttpClient _worker = null!;

    public async Task InitializeAsync()
    {
        _deployment = await ScaleOutDeployment.StartAsync();
        _ownerApi = _deployment.Owner.CreateBearerClient(Token);
        _worker = _deployment.Worker.CreateClient();
        _worker.Timeout = TimeSpan.FromSeconds(120);
    }

    public async Task DisposeAsync()
    {
        _ownerApi.Dispose();
        _worker.Dispose();
        _deployment.WriteWarnings(output);
        await _deployment.DisposeAsync();
    }

    [Fact]
    public async Task PostSyncEventToWorker_RespondStep_AnswersRespondBodyAndRetryGetsStoredAnswer()
    {
        await new SyncApi(new RunsApi(_ownerApi)).CreateAsync("worker-quote",
            """[{"name":"answer","type":"respond","settings":{"status":201,"body":{"id":"{{ event.data.id }}","via":"owner"}}}]""");
        await UntilDispatchAsync(_deployment.Worker, DispatchMode.Nats, Patience);

        var first = await SendAsync("worker-quote", "wq-1", """{"id":"q-7"}""");
        var retry = await SendAsync("worker-quote", "wq-1", """{"id":"q-7"}""");

        Assert.True(first.Status == 201, first.Text);
        Assert.Equal("""{"id":"q-7","via":"owner"}""", JsonNode.Parse(first.Text)!.ToJsonString());
        Assert.Equal("wq-1", first.EventId);
        Assert.True(retry.Status == 201, retry.Text);
        Assert.Equal(first.Text, retry.Text);
        Assert.Equal("wq-1", retry.EventId);
        // Stored once on the owner with one run, none on the worker.
        Assert.Equal(1, Count(_deployment.Owner, "SELECT COUNT(*) FROM events WHERE Id = 'wq-1'"));
        Assert.Equal(1, Count(_deployment.Owner, "SELECT COUNT(*) FROM runs r JOIN events e ON e.Seq = r.EventSeq WHERE e.Id = 'wq-1'"));
        Assert.Equal(0, Count(_deployment.Worker, "SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public async Task PostSyncEventToWorker_WorkflowOutlivesTimeout_Answers504WithEventIdAndRetryLaterGetsAnswer()
    {
        await new SyncApi(new RunsApi(_ownerApi)).CreateAsync("worker-slow", """
            [
              {"name":"wait","type":"delay","settings":{"seconds":4}},
              {"name":"answer","type":"respond","settings":{"body":{"done":true}}}
            ]
            """, timeoutSeconds: 1);
        await UntilDispatchAsync(_deployment.Worker, DispatchMode.Nats, Patience);

        var late = await SendAsync("worker-slow", "ws-1", "{}");

        Assert.True(late.Status == 504, late.Text);
        Assert.Equal("ws-1", JsonNode.Parse(late.Text)!["eventId"]!.GetValue<string>());
        Assert.Equal("ws-1", late.EventId);
        // The run goes on on the owner; once it finished a retry on the worker gets its answer.
        await UntilAsync(() => Count(_deployment.Owner, "SELECT COUNT(*) FROM runs WHERE State = 'Succeeded'") == 1, "the slow run succeeded", Patience);
        var retry = await SendAsync("worker-slow", "ws-1", "{}");
        Assert.True(retry.Status == 200, retry.Text);
        Assert.Equal("""{"done":true}""", JsonNode.Parse(retry.Text)!.ToJsonString());
    }

    /// <summary>Posts to the worker; it knows the route once it has the owner's catalog, so a 404 (or 503 before) is sent again.</summary>
    private async Task<(int Status, string Text, string? EventId)> SendAsync(string route, string id, string dataJson)
    {
        (int Status, string Text, string? EventId) answer = default;
        await UntilAsync(async () =>
        {
            using var response = await _worker.PostAsync($"/hooks/{route}", SyncApi.Event(id, dataJson));
            var eventId = response.Headers.TryGetValues("ce-id", out var values) ? values.Single() : null;
            answer = ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), eventId);
            return answer.Status is not (404 or 503);
        }, $"the worker answering /hooks/{route}", Patience);
        return answer;
    }
}
