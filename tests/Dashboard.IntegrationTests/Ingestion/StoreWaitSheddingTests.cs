using System.Diagnostics;
using System.Net;
using Dashboard.Data.Entities;
using Dashboard.Data.Events;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Definitions;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.Ingestion;

/// <summary>
/// Ingestion refuses while the oldest request waiting for the store has waited longer than
/// <c>Ingestion:Store:MaxQueueWaitMilliseconds</c>, so accepted requests keep a short wait under overload. The store is
/// held for real: another connection keeps SQLite's write lock (<c>BEGIN IMMEDIATE</c>), so the writer's own
/// <c>BEGIN IMMEDIATE</c> waits on its busy timeout (raised here to 60 s, so the hold never turns into a 503).
/// </summary>
public sealed class StoreWaitSheddingTests
{
    private const int LimitMilliseconds = 100;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostHook_OldestWaitPastLimit_Returns429AtOnceAndQueuedEventStoredOnce()
    {
        await using var host = await StartAsync(LimitMilliseconds);
        using var client = host.CreateClient();
        var writer = host.Services.GetRequiredService<EventStoreWriter>();

        Task<HttpResponseMessage> first;
        HttpResponseMessage refused;
        TimeSpan refusalTook;
        using (HoldWriteLock(host))
        {
            first = client.PostAsync("/hooks/wait", IngestionFixture.Structured(Event("wait-1")));
            await WaitUntilAsync(() => writer.OldestIngestionWait > TimeSpan.FromMilliseconds(2 * LimitMilliseconds), () => $"oldest wait {writer.OldestIngestionWait}");
            Assert.True(writer.IsBehind);

            var started = Stopwatch.GetTimestamp();
            refused = await client.PostAsync("/hooks/wait", IngestionFixture.Structured(Event("wait-2")));
            refusalTook = Stopwatch.GetElapsedTime(started);

            // Answered while the first still waits for the lock: the refusal did not queue behind it.
            Assert.False(first.IsCompleted);
        }

        using (refused)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("event store is behind", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(refusalTook < TimeSpan.FromSeconds(5), $"the 429 took {refusalTook}");
        using (var accepted = await first.WaitAsync(Patience))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        Assert.Equal(1, Stored(host, "wait-1"));
        Assert.Equal(0, Stored(host, "wait-2"));
        Assert.False(writer.IsBehind);
        using var retried = await client.PostAsync("/hooks/wait", IngestionFixture.Structured(Event("wait-2")));
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(1, Stored(host, "wait-2"));
    }

    [Fact]
    public async Task PostHook_MaxQueueWaitZero_SecondRequestQueuesInsteadOfRefused()
    {
        await using var host = await StartAsync(0);
        using var client = host.CreateClient();
        var writer = host.Services.GetRequiredService<EventStoreWriter>();

        Task<HttpResponseMessage> first, second;
        using (HoldWriteLock(host))
        {
            first = client.PostAsync("/hooks/wait", IngestionFixture.Structured(Event("off-1")));
            await WaitUntilAsync(() => writer.OldestIngestionWait > TimeSpan.FromMilliseconds(2 * LimitMilliseconds), () => $"oldest wait {writer.OldestIngestionWait}");
            Assert.False(writer.IsBehind);

            var queued = writer.IngestionQueueLength;
            second = client.PostAsync("/hooks/wait", IngestionFixture.Structured(Event("off-2")));
            await WaitUntilAsync(() => writer.IngestionQueueLength == queued + 1 || second.IsCompleted, () => $"queue length {writer.IngestionQueueLength}");
            Assert.False(second.IsCompleted);
            Assert.False(first.IsCompleted);
        }

        foreach (var response in await Task.WhenAll(first, second).WaitAsync(Patience))
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
        }

        Assert.Equal(1, Stored(host, "off-1"));
        Assert.Equal(1, Stored(host, "off-2"));
    }

    private static async Task<DashboardHost> StartAsync(int maxQueueWaitMilliseconds)
    {
        var host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Setup:AdminUser"] = DashboardHost.AdminUser, ["Setup:AdminPassword"] = DashboardHost.AdminPassword,
            ["Ingestion:Store:MaxQueueWaitMilliseconds"] = maxQueueWaitMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Storage:BusyTimeoutMilliseconds"] = "60000",
        });
        var saved = await host.Services.GetRequiredService<EventDefinitionService>().SaveAsync(
            new EventDefinitionModel { Key = "wait.hook", HttpRoute = "wait", AuthMode = EventAuthMode.Public },
            new Actor("tester"), default);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        return host;
    }

    /// <summary>Another connection takes SQLite's write lock and keeps it until disposed (then rolls back).</summary>
    private static SqliteConnection HoldWriteLock(DashboardHost host)
    {
        var blocker = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        blocker.Open();
        using var begin = blocker.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        begin.ExecuteNonQuery();
        return blocker;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> state)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Patience.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"not reached within {Patience}: {state()}");
            await Task.Delay(10);
        }
    }

    private static string Event(string id) =>
        $$$"""{"specversion":"1.0","id":"{{{id}}}","source":"/tests/wait","type":"com.example.wait","data":{"n":1}}""";

    private static long Stored(DashboardHost host, string id)
    {
        using var connection = SqliteFile.Open(host.DatabasePath);
        return long.Parse(SqliteFile.Scalar(connection, $"SELECT COUNT(*) FROM events WHERE Id = '{id}'")!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
