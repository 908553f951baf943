using System.Diagnostics.Metrics;
using Dashboard.Data.Entities;
using Dashboard.Data.Events;
using Dashboard.IntegrationTests.Ingestion;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Telemetry;
using Dashboard.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.IntegrationTests.WebSockets;

/// <summary>
/// A client sending faster than the store accepts (its queue full, or its oldest request waiting too long) gets "retry"
/// answers, in order, and nothing is lost or stored twice.
/// </summary>
public sealed class WebSocketBackPressureTests
{
    private const int Frames = 20;

    [Fact]
    public async Task Frames_FasterThanTheStore_AnsweredRetryInOrderAndAllStoredOnceAfterResending()
    {
        // A store queue of one request: while the writer is held, one frame is being committed, one waits, the rest are refused.
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Ingestion:Store:QueueCapacity"] = "1", ["Ingestion:WebSocket:MaxFramesInFlight"] = "64",
        });
        await WebSocketFixture.AddAsync(host, "ws-flow", new EventDefinitionModel
        {
            Key = "fast.stream", SourceKind = EventSourceKind.WebSocket, HttpRoute = "fast", AuthMode = EventAuthMode.Public,
        });
        var ids = Enumerable.Range(0, Frames).Select(i => $"bp-{i}-{Guid.NewGuid():N}").ToList();
        using var refusals = new RefusalCounter();
        await using var socket = await EventSocket.ConnectAsync(host.BaseAddress, "fast");

        // Another connection holds SQLite's write lock, so the writer cannot commit until it lets go.
        using (var blocker = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False"))
        {
            blocker.Open();
            using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                begin.ExecuteNonQuery();
            }

            foreach (var id in ids)
            {
                await socket.SendTextAsync(IngestionFixture.Order(id));
            }

            await refusals.WaitForAsync(Frames - 2, TimeSpan.FromSeconds(30));
        }

        var retried = new List<string>();
        for (var i = 0; i < Frames; i++)
        {
            var answer = await socket.ReceiveAsync();
            Assert.Equal(i + 1, answer.GetProperty("frame").GetInt64());
            var outcome = answer.GetProperty("outcome").GetString();
            Assert.True(outcome is "accepted" or "retry", answer.ToString());
            if (outcome == "retry")
            {
                Assert.True(answer.GetProperty("retryAfter").GetInt32() >= 1);
                Assert.Contains(answer.GetProperty("status").GetInt32(), new[] { 429, 503 });
                retried.Add(ids[i]);
            }
        }

        Assert.True(retried.Count >= Frames - 2, $"{retried.Count} of {Frames} frames were answered retry");
        Assert.All(retried, id => Assert.Equal(0, Stored(host, id)));

        // Sending the retried frames again once the store has room stores each exactly once.
        var frame = Frames;
        foreach (var id in retried)
        {
            for (var attempt = 0; ; attempt++)
            {
                await socket.SendTextAsync(IngestionFixture.Order(id));
                var answer = await socket.ReceiveAsync();
                Assert.Equal(++frame, answer.GetProperty("frame").GetInt64());
                if (answer.GetProperty("outcome").GetString() == "accepted")
                {
                    break;
                }

                Assert.True(attempt < 50, $"{id} still refused after {attempt} attempts");
            }
        }

        Assert.All(ids, id => Assert.Equal(1, Stored(host, id)));
    }

    [Fact]
    public async Task Frames_StoreBehind_LaterFrameAnsweredRetryAndStoredOnceAfterResending()
    {
        await using var host = await DashboardHost.StartAsync(new Dictionary<string, string>
        {
            ["Ingestion:Store:MaxQueueWaitMilliseconds"] = "100", ["Storage:BusyTimeoutMilliseconds"] = "60000",
        });
        await WebSocketFixture.AddAsync(host, "ws-behind", new EventDefinitionModel
        {
            Key = "behind.stream", SourceKind = EventSourceKind.WebSocket, HttpRoute = "behind", AuthMode = EventAuthMode.Public,
        });
        var writer = host.Services.GetRequiredService<EventStoreWriter>();
        await using var socket = await EventSocket.ConnectAsync(host.BaseAddress, "behind");

        using (var blocker = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False"))
        {
            blocker.Open();
            using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE;";
                begin.ExecuteNonQuery();
            }

            await socket.SendTextAsync(IngestionFixture.Order("behind-1"));
            Assert.True(SpinWait.SpinUntil(() => writer.OldestIngestionWait > TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30)), $"oldest wait {writer.OldestIngestionWait}");
            await socket.SendTextAsync(IngestionFixture.Order("behind-2"));
            Assert.True(SpinWait.SpinUntil(() => host.Logs.Lines.Any(line => line.Contains("The event store is behind", StringComparison.Ordinal)), TimeSpan.FromSeconds(30)),
                "the second frame was not refused while the store was held");
        }

        var first = await socket.ReceiveAsync();
        Assert.True(first.GetProperty("outcome").GetString() == "accepted", first.ToString());
        var second = await socket.ReceiveAsync();
        Assert.Equal(2, second.GetProperty("frame").GetInt64());
        Assert.Equal("retry", second.GetProperty("outcome").GetString());
        Assert.Equal(429, second.GetProperty("status").GetInt32());
        Assert.True(second.GetProperty("retryAfter").GetInt32() >= 1);
        Assert.Contains("behind", second.GetProperty("problem").ToString(), StringComparison.Ordinal);
        Assert.Equal(0, Stored(host, "behind-2"));

        await socket.SendTextAsync(IngestionFixture.Order("behind-2"));
        var resent = await socket.ReceiveAsync();
        Assert.True(resent.GetProperty("outcome").GetString() == "accepted", $"{resent} (oldest wait {writer.OldestIngestionWait}, queued {writer.IngestionQueueLength})");
        Assert.Equal(1, Stored(host, "behind-1"));
        Assert.Equal(1, Stored(host, "behind-2"));
    }

    private static long Stored(DashboardHost host, string id) =>
        WebSocketFixture.Count(host, "SELECT COUNT(*) FROM events WHERE Id = $id", ("$id", id));

    /// <summary>Counts the runtime's 429 refusals through its own meter.</summary>
    private sealed class RefusalCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public RefusalCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RuntimeMetrics.MeterName && instrument.Name == "dashboard.events.refused")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "status" && Equals(tag.Value, 429))
                    {
                        Interlocked.Add(ref _count, value);
                    }
                }
            });
            _listener.Start();
        }

        public async Task WaitForAsync(long count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Interlocked.Read(ref _count) < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"only {Interlocked.Read(ref _count)} refusals within {timeout}");
                await Task.Delay(10);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
