using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Testing;

namespace Dashboard.IntegrationTests.Telemetry;

[Collection(nameof(Dashboard.IntegrationTests.Telemetry.ScrapedMetricsCollection))]
public sealed partial class MetricsEndpointTests
{
    private const string Token = "metrics-admin-token-0123456789abcdef";

    [GeneratedRegex(@"^dashboard_events_total\{[^}]*outcome=""Accepted""[^}]*\} (?<value>\d+)", RegexOptions.Multiline)]
    private static partial Regex AcceptedEvents();

    [GeneratedRegex(@"^dashboard_runs_total\{[^}]*state=""Succeeded""[^}]*\} (?<value>\d+)", RegexOptions.Multiline)]
    private static partial Regex SucceededRuns();

    [GeneratedRegex(@"^dashboard_store_busy_seconds_total\{[^}]*phase=""commit""[^}]*\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex WriterCommitSeconds();

    private static readonly string[] Series =
    [
        "dashboard_ingest_duration_seconds_bucket", "dashboard_store_commits_total", "dashboard_store_batch_size_bucket",
        "dashboard_store_commit_duration_seconds_bucket", "dashboard_store_queue_depth", "dashboard_store_queue_oldest_wait_seconds",
        "dashboard_store_busy_seconds_total", "dashboard_live_viewers",
        "dashboard_steps_duration_seconds_bucket", "http_server_request_duration_seconds_bucket", "dotnet_gc_collections_total",
    ];

    [Fact]
    public async Task GetMetrics_AfterPostingEvents_ShowsRuntimeStoreAndHostCounters()
    {
        await using var host = await DashboardHost.StartWithAdminAsync(Token);
        await RoutedWorkflow.CreateAsync(host, "metered", "metered-flow");
        using var client = host.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var posted = await client.PostAsync("/hooks/metered", RoutedWorkflow.Event($"m-{i}"));
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        using var scraper = host.CreateBearerClient(Token);
        var text = "";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await scraper.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            // ASP.NET Core records a request's duration after its response went out, so a scrape right after the posts
            // can precede it: wait for every series, then assert each.
            if (Sum(SucceededRuns(), text) >= 5 && Sum(AcceptedEvents(), text) >= 5 && Series.All(series => text.Contains(series, StringComparison.Ordinal)))
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.True(Sum(AcceptedEvents(), text) >= 5, text);
        Assert.True(Sum(SucceededRuns(), text) >= 5, text);
        foreach (var series in Series)
        {
            Assert.Contains(series, text);
        }

        // The writer committed the posts, so its commit time is above zero.
        var commitSeconds = WriterCommitSeconds().Match(text);
        Assert.True(commitSeconds.Success && double.Parse(commitSeconds.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, text);
    }

    [Fact]
    public async Task GetMetrics_WithoutCredentials_Answers401()
    {
        await using var host = await DashboardHost.StartWithAdminAsync();
        using var client = host.CreateClient();
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static long Sum(Regex pattern, string text) => pattern.Matches(text).Sum(m => long.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));
}
