using System.Net;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Ingestion;
using Dashboard.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Ingestion;

[CollectionDefinition(nameof(LoadSheddingCollection), DisableParallelization = true)]
public sealed class LoadSheddingCollection;

/// <summary>
/// When the CPU rather than the store is the bottleneck, requests queue for a thread-pool thread and the store's queue
/// never fills: ingestion refuses while work waits long for a pool thread, so the 429 is quick, and accepts again after.
/// Runs alone because it floods the test process's thread pool.
/// </summary>
[Collection(nameof(LoadSheddingCollection))]
public sealed class LoadSheddingTests
{
    [Fact]
    public async Task PostHook_ThreadPoolDelayAboveLimit_Returns429ThenAcceptsOnceDrained()
    {
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser, ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Ingestion:MaxThreadPoolDelayMilliseconds"] = "20",
        });
        await SavePublicDefinitionAsync(host);
        using var client = host.CreateClient();

        HttpResponseMessage refused;
        var probe = host.Services.GetRequiredService<ThreadPoolDelayProbe>();
        using (var flood = new ThreadPoolFlood(minimumBacklog: 2_000))
        {
            Assert.True(SpinWait.SpinUntil(() => probe.CurrentDelay > TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10)), $"delay {probe.CurrentDelay}");
            refused = await client.PostAsync("/hooks/shed", IngestionFixture.Structured(Event("shed-1")));
        }

        Assert.True(SpinWait.SpinUntil(() => probe.CurrentDelay < TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10)), $"delay {probe.CurrentDelay}");

        using (refused)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Contains("at capacity", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, Stored(host, "shed-1"));
        using var accepted = await client.PostAsync("/hooks/shed", IngestionFixture.Structured(Event("shed-1")));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(1, Stored(host, "shed-1"));
    }

    private static async Task SavePublicDefinitionAsync(DashboardHost host)
    {
        var events = host.Services.GetRequiredService<EventDefinitionService>();
        var saved = await events.SaveAsync(
            new EventDefinitionModel { Key = "shed.hook", HttpRoute = "shed", AuthMode = EventAuthMode.Public },
            new Actor("tester"), default);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
    }

    private static string Event(string id) =>
        $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/tests/shed","type":"com.example.shed","data":{"n":1}}""";

    private static long Stored(DashboardHost host, string id)
    {
        using var connection = SqliteFile.Open(host.DatabasePath);
        return long.Parse(SqliteFile.Scalar(connection, $"SELECT COUNT(*) FROM events WHERE Id = '{id}'")!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Keeps at least <c>minimumBacklog</c> trivial work items waiting in the thread pool until disposed.</summary>
    private sealed class ThreadPoolFlood : IDisposable
    {
        private readonly Thread _producer;
        private volatile bool _stop;

        public ThreadPoolFlood(int minimumBacklog)
        {
            _producer = new Thread(() =>
            {
                while (!_stop)
                {
                    while (!_stop && ThreadPool.PendingWorkItemCount < minimumBacklog)
                    {
                        ThreadPool.UnsafeQueueUserWorkItem(static _ => Thread.SpinWait(20_000), null);
                    }

                    Thread.Yield();
                }
            }) { IsBackground = true };
            _producer.Start();
            SpinWait.SpinUntil(() => ThreadPool.PendingWorkItemCount >= minimumBacklog, TimeSpan.FromSeconds(10));
        }

        public void Dispose()
        {
            _stop = true;
            _producer.Join();
            SpinWait.SpinUntil(() => ThreadPool.PendingWorkItemCount < 50, TimeSpan.FromSeconds(10));
        }
    }
}
