using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dashboard.IntegrationTests.Workflows;
using Dashboard.Testing;
using Dashboard.Web.Features.Home;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.IntegrationTests.Workflows.RunsApi;

namespace Dashboard.IntegrationTests.Overview;

/// <summary>The overview's numbers on the real host: failed runs (not activity rows), rejections that add up, and a bucketed series.</summary>
public sealed class OverviewQueriesTests : IAsyncLifetime
{
    private DashboardHost _host = null!;
    private TestServer _server = null!;
    private RunsApi _api = null!;

    public async Task InitializeAsync()
    {
        (_host, _api) = await RunsApi.StartHostAsync();
        _server = await TestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _api.Client.Dispose();
        await _server.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task GetAsync_RunsAndRejections_CountsFailedRunsAndRejectionsThatAddUp()
    {
        var calls = 0;
        _server.Routes["/flaky"] = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? 500 : 200);
        var okId = await _api.CreateWorkflowAsync("ok-flow", "ok", """[{"name":"note","type":"log","settings":{}}]""");
        var failId = await _api.CreateWorkflowAsync("fail-flow", "fail", """[{"name":"boom","type":"fail","settings":{"message":"no"}}]""");
        var flakyId = await _api.CreateWorkflowAsync("flaky-flow", "flaky",
            """[{"name":"call","type":"http","settings":{"url":"__URL__","retry":{"maxAttempts":3,"backoffSeconds":0.1}}}]""".Replace("__URL__", _server.Url("/flaky"), StringComparison.Ordinal));
        await CreateTokenDefinitionAsync("guarded.a", "guarded-a");
        await CreateTokenDefinitionAsync("guarded.b", "guarded-b");
        await _api.SendAsync("ok", "ok-1", "{}");
        await _api.SendAsync("ok", "ok-2", "{}");
        await _api.SendAsync("fail", "fail-1", "{}");
        await _api.SendAsync("flaky", "flaky-1", "{}");
        await RejectAsync("guarded-a", 2);
        await RejectAsync("guarded-b", 1);
        using (var unmatched = await _api.Client.PostAsync("/hooks/nowhere", Event("u-1")))
        {
            Assert.Equal(HttpStatusCode.NotFound, unmatched.StatusCode);
        }

        await _api.WaitForRunAsync(okId, r => Is(r, "Succeeded") && r["id"] is not null);
        await _api.WaitForRunAsync(failId, r => Is(r, "Failed"));
        await _api.WaitForRunAsync(flakyId, r => Is(r, "Succeeded"));
        await WaitAsync(async () => (await _api.RunsAsync(okId, "Succeeded")).Count == 2);

        var report = await _host.Services.GetRequiredService<OverviewQueries>().GetAsync(OverviewRange.Hour1, default);

        Assert.Equal(new RunOutcomeCounts(3, 1, 1), report.Runs);
        var failing = Assert.Single(report.FailingWorkflows);
        Assert.Equal(("fail-flow", 1L), (failing.Name, failing.Count));
        Assert.Equal($"workflows/{failId}/runs", failing.Href);
        Assert.Equal(3, report.Rejected);
        Assert.Equal(report.Rejected, report.RejectingDefinitions.Sum(r => r.Count));
        Assert.Equal(["guarded.a:2", "guarded.b:1"], report.RejectingDefinitions.Select(r => $"{r.Name}:{r.Count}"));
        Assert.Equal(OverviewRange.Hour1.Buckets, report.Series.Count);
        Assert.Equal(3, report.Series.Sum(b => b.Runs.Succeeded));
        Assert.Equal(3, report.Series.Sum(b => b.Rejected));
        Assert.All(report.Series, b => Assert.Matches("^[0-2][0-9]:[0-5][0-9]$", b.Label));
        Assert.True(report.End - report.Start == TimeSpan.FromHours(1) && report.End > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task GetAsync_EveryRange_HasItsBucketCountAndAlignedBuckets()
    {
        var queries = _host.Services.GetRequiredService<OverviewQueries>();

        foreach (var range in OverviewRange.All)
        {
            var report = await queries.GetAsync(range, default);

            Assert.Equal(range.Buckets, report.Series.Count);
            Assert.Equal(0, report.Start.ToUnixTimeMilliseconds() % (long)range.Bucket.TotalMilliseconds);
            Assert.Equal(report.Start, report.Series[0].Start);
            Assert.Equal(report.End, report.Series[^1].Start + range.Bucket);
        }

        Assert.Equal([15, 12, 12, 24, 28], OverviewRange.All.Select(r => r.Buckets));
    }

    [Fact]
    public async Task OverviewApi_UnknownRange_Answers400NamingRange()
    {
        using var response = await _api.Client.GetAsync("/api/overview?range=2y");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var ok = await _api.GetAsync("/api/overview?range=24h");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem["errors"]!["range"]);
        Assert.Equal(24, ok["series"]!.AsArray().Count);
    }

    [Fact]
    public async Task OverviewPage_Range6h_ShowsRangePickerOutcomeCountsAndTimeAxis()
    {
        await _api.CreateWorkflowAsync("page-flow", "page", """[{"name":"boom","type":"fail","settings":{"message":"no"}}]""");
        await _api.SendAsync("page", "p-1", "{}");
        await WaitAsync(async () => (await _api.GetAsync("/api/overview?range=6h"))["runs"]!["failed"]!.GetValue<long>() == 1);
        using var browser = await _host.CreateSignedInClientAsync();

        var html = await browser.GetStringAsync("/?range=6h");

        Assert.Contains("last 6 hours", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"range-7d\"", html, StringComparison.Ordinal);
        Assert.Contains("Failed · 1<", html, StringComparison.Ordinal);
        Assert.Contains(OverviewTrends.FailedColour, html, StringComparison.Ordinal);
        Assert.Contains("time (UTC)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"workflows/", html, StringComparison.Ordinal);
    }

    private async Task CreateTokenDefinitionAsync(string key, string route)
    {
        using var response = await _api.Client.PostAsJsonAsync("/api/event-definitions", new { key, sourceKind = "Http", httpRoute = route, authMode = "Token" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task RejectAsync(string route, int times)
    {
        using var bad = _host.CreateBearerClient("wrong-token");
        for (var i = 0; i < times; i++)
        {
            using var response = await bad.PostAsync($"/hooks/{route}", Event($"{route}-{i}"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    private static StringContent Event(string id) => new(
        $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/tests","type":"test.event","data":{}}""", Encoding.UTF8, "application/cloudevents+json");

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(100);
        }
    }
}
