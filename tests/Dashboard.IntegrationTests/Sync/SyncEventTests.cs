using System.Text.Json.Nodes;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Runtime.Ingestion.Sync;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.IntegrationTests.Eventing.EventingTestKit;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Sync;

/// <summary>Sync HTTP events on the real host: the caller gets its workflow's response, its error, or 504, over loopback HTTP.</summary>
public sealed class SyncEventTests : IAsyncLifetime
{
    private readonly string _token = "sync-" + Guid.NewGuid().ToString("N");
    private DashboardHost _host = null!;
    private SyncApi _api = null!;

    public async Task InitializeAsync()
    {
        _host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser,
            ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Setup:AdminApiToken"] = _token,
            ["Workflows:PollIntervalSeconds"] = "0.2",
        });
        _api = new SyncApi(new RunsApi(_host.CreateBearerClient(_token)));
    }

    public async Task DisposeAsync()
    {
        _api.Runs.Client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task PostSyncEvent_RespondStep_Returns200WithRespondBody()
    {
        await _api.CreateAsync("quote", """
            [
              {"name":"price","type":"transform","settings":{"template":{"total":"{{ event.data.qty }}"}}},
              {"name":"answer","type":"respond","settings":{"status":200,"body":{"orderId":"{{ event.data.id }}","total":"{{ steps.price.output.total }}"}}}
            ]
            """);

        var (status, body, text) = await _api.SendAsync("quote", "q-1", """{"id":"a-1","qty":4}""");

        Assert.True(status == 200, text);
        Assert.Equal("a-1", body!["orderId"]!.GetValue<string>());
        Assert.Equal(4, body["total"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task PostSyncEvent_RespondStepChoosesStatus_ReturnsThatStatus()
    {
        await _api.CreateAsync("created", """[{"name":"answer","type":"respond","settings":{"status":201,"body":{"ok":true}}}]""");

        var (status, body, text) = await _api.SendAsync("created", "c-1", "{}");

        Assert.True(status == 201, text);
        Assert.True(body!["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PostSyncEvent_NoRespondStep_Returns200WithLastStepOutput()
    {
        await _api.CreateAsync("echo", """
            [
              {"name":"note","type":"log","settings":{"message":"got {{ event.data.name }}"}},
              {"name":"shape","type":"transform","settings":{"template":{"greeting":"hello {{ event.data.name }}"}}}
            ]
            """);

        var (status, body, text) = await _api.SendAsync("echo", "e-1", """{"name":"ada"}""");

        Assert.True(status == 200, text);
        Assert.Equal("""{"greeting":"hello ada"}""", body!.ToJsonString());
    }

    [Fact]
    public async Task PostSyncEvent_ResponseBreaksSchema_Returns502AndRunFails()
    {
        var workflowId = await _api.CreateAsync("typed", """[{"name":"shape","type":"transform","settings":{"template":{"total":"not a number"}}}]""",
            responseSchema: """{"type":"object","required":["total"],"properties":{"total":{"type":"number"}}}""");

        var (status, body, text) = await _api.SendAsync("typed", "t-1", "{}");
        var run = await _api.Runs.WaitForRunAsync(workflowId, r => Is(r, "Failed"));

        Assert.True(status == 502, text);
        Assert.Contains("response schema", Str(body!["detail"]), StringComparison.Ordinal);
        Assert.Contains("$.total", Str(body["detail"]), StringComparison.Ordinal);
        Assert.Equal("t-1", Str(body["eventId"]));
        Assert.Contains("response schema", Str(run["error"]), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostSyncEvent_FailingStep_Returns502WithRunError()
    {
        var workflowId = await _api.CreateAsync("broken", """[{"name":"shape","type":"transform","settings":{"template":{"id":"{{ event.data.order.id }}"}}}]""");

        var (status, body, text) = await _api.SendAsync("broken", "b-1", "{}");

        Assert.True(status == 502, text);
        Assert.Equal("Workflow failed", Str(body!["title"]));
        Assert.Contains("missing field 'event.data.order'", Str(body["detail"]), StringComparison.Ordinal);
        Assert.Equal("Failed", Str(body["runState"]));
        await _api.Runs.WaitForRunAsync(workflowId, r => Is(r, "Failed"));
    }

    [Fact]
    public async Task PostSyncEvent_FailStepWithStatus_ReturnsChosenStatus()
    {
        await _api.CreateAsync("refuse", """[{"name":"no","type":"fail","settings":{"message":"order {{ event.data.id }} is closed","status":409}}]""");

        var (status, body, text) = await _api.SendAsync("refuse", "r-1", """{"id":"o-9"}""");

        Assert.True(status == 409, text);
        Assert.Equal("order o-9 is closed", Str(body!["detail"]));
    }

    [Fact]
    public async Task PostSyncEvent_RunOutlastsTimeout_Returns504WithEventIdAndRunSucceeds()
    {
        var workflowId = await _api.CreateAsync("slow", """
            [
              {"name":"wait","type":"delay","settings":{"seconds":3}},
              {"name":"answer","type":"respond","settings":{"body":{"done":true}}}
            ]
            """, timeoutSeconds: 1);

        var (status, body, text) = await _api.SendAsync("slow", "s-1", "{}");
        await _api.Runs.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"), TimeSpan.FromSeconds(60));
        var (retryStatus, retryBody, retryText) = await _api.SendAsync("slow", "s-1", "{}");

        Assert.True(status == 504, text);
        Assert.Equal("s-1", Str(body!["eventId"]));
        Assert.True(retryStatus == 200, retryText);
        Assert.True(retryBody!["done"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PostSyncEvent_DuplicateWhileRunning_WaitsAndGetsSameAnswer()
    {
        await _api.CreateAsync("shared", """
            [
              {"name":"wait","type":"delay","settings":{"seconds":1}},
              {"name":"answer","type":"respond","settings":{"body":{"n":"{{ event.data.n }}"}}}
            ]
            """);

        var first = _api.SendAsync("shared", "d-1", """{"n":1}""");
        await UntilAsync(() => _host.Services.GetRequiredService<SyncWaiters>().Count >= 1, "the first caller waiting");
        var second = await _api.SendAsync("shared", "d-1", """{"n":1}""");
        var answer = await first;

        Assert.True(answer.Status == 200, answer.Text);
        Assert.True(second.Status == 200, second.Text);
        Assert.Equal(answer.Body!.ToJsonString(), second.Body!.ToJsonString());
    }

    [Fact]
    public async Task PostSyncEvent_ClientDisconnects_RunCompletesAndActivityRecordsIt()
    {
        var workflowId = await _api.CreateAsync("leaver", """
            [
              {"name":"wait","type":"delay","settings":{"seconds":2}},
              {"name":"answer","type":"respond","settings":{"body":{"kept":true}}}
            ]
            """);

        using var cancel = new CancellationTokenSource();
        var request = _api.SendAsync("leaver", "l-1", "{}", cancel.Token);
        await UntilAsync(() => _host.Services.GetRequiredService<SyncWaiters>().Count >= 1, "the caller waiting");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        await _api.Runs.WaitForRunAsync(workflowId, r => Is(r, "Succeeded"), TimeSpan.FromSeconds(60));
        await UntilAsync(async () => (await _api.Runs.GetAsync($"/api/workflows/{workflowId}/activity"))["items"]!.AsArray()
            .Any(a => Str(a!["kind"]) == "sync-caller-disconnected"), "the disconnect in the workflow's activity");
        var (status, body, text) = await _api.SendAsync("leaver", "l-1", "{}");
        Assert.True(status == 200, text);
        Assert.True(body!["kept"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PostSyncEvent_DataSchemaFailureWithTemplate_Returns400InTemplateShape()
    {
        await _api.CreateAsync("shaped", """[{"name":"answer","type":"respond","settings":{"body":{}}}]""",
            dataSchema: """{"type":"object","required":["id"]}""",
            validationErrorBody: """{"ok":false,"code":"$status","problems":"$errors","note":"fix and resend"}""");

        var (status, body, text) = await _api.SendAsync("shaped", "v-1", "{}");

        Assert.True(status == 400, text);
        Assert.False(body!["ok"]!.GetValue<bool>());
        Assert.Equal(400, body["code"]!.GetValue<int>());
        Assert.Equal("fix and resend", Str(body["note"]));
        var problem = Assert.Single(body["problems"]!.AsArray());
        Assert.Equal("$.data", Str(problem!["path"]));
        Assert.Contains("id", Str(problem["message"]), StringComparison.Ordinal);
    }
}
