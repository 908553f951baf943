using System.Diagnostics;
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

    [Fact]
    public async Task PostSyncEventToWorker_FailStepWithStatus_AnswersProblemWithThatStatus()
    {
        await new SyncApi(new RunsApi(_ownerApi)).CreateAsync("worker-refuse",
            """[{"name":"no","type":"fail","settings":{"message":"order {{ event.data.id }} is closed","status":409}}]""");
        await UntilDispatchAsync(_deployment.Worker, DispatchMode.Nats, Patience);

        var refused = await SendAsync("worker-refuse", "wr-1", """{"id":"o-9"}""");

        Assert.True(refused.Status == 409, refused.Text);
        var problem = JsonNode.Parse(refused.Text)!;
        Assert.Equal("order o-9 is closed", problem["detail"]!.GetValue<string>());
        Assert.Equal("wr-1", problem["eventId"]!.GetValue<string>());
        Assert.Equal("Failed", problem["runState"]!.GetValue<string>());
        Assert.Equal("wr-1", refused.EventId);
    }

    [Fact]
    public async Task PostSyncEventToWorker_ResponseBreaksResponseSchema_Answers502NamingTheBrokenRule()
    {
        await new SyncApi(new RunsApi(_ownerApi)).CreateAsync("worker-typed",
            """[{"name":"answer","type":"respond","settings":{"body":{"sum":1}}}]""",
            responseSchema: """{"type":"object","required":["total"],"properties":{"total":{"type":"number"}}}""");
        await UntilDispatchAsync(_deployment.Worker, DispatchMode.Nats, Patience);

        var broken = await SendAsync("worker-typed", "wt-1", "{}");

        Assert.True(broken.Status == 502, broken.Text);
        var detail = JsonNode.Parse(broken.Text)!["detail"]!.GetValue<string>();
        Assert.Contains("response schema", detail, StringComparison.Ordinal);
        Assert.Contains("required property 'total' is missing", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", broken.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostSyncEventToWorker_OwnerStopped_Answers504AfterTimeoutAndRetryGetsAnswerOnceOwnerIsBack()
    {
        await new SyncApi(new RunsApi(_ownerApi)).CreateAsync("worker-kept",
            """[{"name":"answer","type":"respond","settings":{"body":{"kept":"{{ event.data.id }}"}}}]""", timeoutSeconds: 2);
        await UntilDispatchAsync(_deployment.Worker, DispatchMode.Nats, Patience);
        // A first event while the owner is up, so that the worker holds the catalog: under load its run may outlast the
        // short timeout, so its answer is asked again once the run succeeded.
        await SendAsync("worker-kept", "wk-0", """{"id":"k-0"}""");
        await UntilAsync(() => Count(_deployment.Owner, "SELECT COUNT(*) FROM runs WHERE State = 'Succeeded'") == 1, "the first event's run", Patience);
        var before = await SendAsync("worker-kept", "wk-0", """{"id":"k-0"}""");
        Assert.True(before.Status == 200, before.Text);
        Assert.Equal("""{"kept":"k-0"}""", JsonNode.Parse(before.Text)!.ToJsonString());

        await _deployment.StopOwnerAsync();
        var clock = Stopwatch.StartNew();
        var whileDown = await SendAsync("worker-kept", "wk-1", """{"id":"k-1"}""");
        var waited = clock.Elapsed;

        Assert.True(whileDown.Status == 504, whileDown.Text);
        Assert.Equal("wk-1", JsonNode.Parse(whileDown.Text)!["eventId"]!.GetValue<string>());
        Assert.Equal("wk-1", whileDown.EventId);
        Assert.True(waited >= TimeSpan.FromSeconds(1.9), $"answered after {waited}, before the definition's 2 s timeout");

        // The event was durable in the ingest stream: the owner stores and runs it when it is back, and a retry gets its answer.
        await _deployment.StartOwnerAgainAsync();
        await UntilAsync(() => Count(_deployment.Owner, "SELECT COUNT(*) FROM runs r JOIN events e ON e.Seq = r.EventSeq WHERE e.Id = 'wk-1' AND r.State = 'Succeeded'") == 1,
            "the event posted while the owner was down ran on the owner", Patience);
        var retry = await SendAsync("worker-kept", "wk-1", """{"id":"k-1"}""");
        Assert.True(retry.Status == 200, retry.Text);
        Assert.Equal("""{"kept":"k-1"}""", JsonNode.Parse(retry.Text)!.ToJsonString());
        Assert.Equal(1, Count(_deployment.Owner, "SELECT COUNT(*) FROM events WHERE Id = 'wk-1'"));
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
