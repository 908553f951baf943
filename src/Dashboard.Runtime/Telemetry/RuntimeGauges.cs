using System.Diagnostics.Metrics;
using Dashboard.Data;
using Dashboard.Data.Events;
using Dashboard.Runtime.Streaming;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Telemetry;

/// <summary>
/// Observed values (meter <c>Dashboard.Runtime</c>, created through <see cref="IMeterFactory"/> so they go with this
/// host): the store writer's queues, the database size, live viewers and broker consumer lag.
/// </summary>
public sealed class RuntimeGauges(IMeterFactory meters, EventStoreWriter writer, LiveFeed feed, IOptions<StorageOptions> storage, IEnumerable<IConsumerLagReporter> lag)
    : IHostedService
{
    /// <summary>Creates the observable instruments; the meter factory disposes them with the host.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var meter = meters.Create(RuntimeMetrics.MeterName);
        var database = storage.Value.DatabasePath;
        meter.CreateObservableGauge("dashboard.store.queue.depth", () => new[]
        {
            new Measurement<int>(writer.IngestionQueueLength, new KeyValuePair<string, object?>("queue", "ingestion")),
            new Measurement<int>(writer.BackgroundQueueLength, new KeyValuePair<string, object?>("queue", "background")),
        }, "{request}", "Requests waiting for the store writer.");
        meter.CreateObservableGauge("dashboard.store.queue.oldest_wait", () => writer.OldestIngestionWait.TotalSeconds, "s",
            "How long the oldest ingestion request not yet committed has waited; past Ingestion:Store:MaxQueueWaitMilliseconds ingestion answers 429.");
        // Time the one writer spent executing statements and committing (WAL write and fsync): its busy share of wall
        // time says how close ingestion runs to the single writer's ceiling at the app's own statement shape.
        meter.CreateObservableCounter("dashboard.store.busy", () =>
        {
            var totals = writer.Statistics.Snapshot();
            return new[]
            {
                new Measurement<double>(totals.Writing.TotalSeconds, new KeyValuePair<string, object?>("phase", "statements")),
                new Measurement<double>(totals.Committing.TotalSeconds, new KeyValuePair<string, object?>("phase", "commit")),
            };
        }, "s", "Time the store writer spent executing statements and committing.");
        meter.CreateObservableGauge("dashboard.store.size", () => FileSize(database) + FileSize(database + "-wal"), "By",
            "Database file plus its write-ahead log.");
        meter.CreateObservableGauge("dashboard.live.viewers", () => feed.SubscriberCount, "{viewer}", "Live feed subscribers (pages and hub connections).");
        var reporters = lag.ToArray();
        meter.CreateObservableGauge("dashboard.consumer.lag", () => reporters.SelectMany(r => r.Report()).SelectMany(l => new[]
        {
            new Measurement<long>(l.Pending, new("broker", l.Broker), new("consumer", l.Consumer), new("kind", "pending")),
            new Measurement<long>(l.AckPending, new("broker", l.Broker), new("consumer", l.Consumer), new("kind", "ack_pending")),
        }), "{message}", "Messages a broker consumer has not processed yet.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static long FileSize(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }
}
