using System.Diagnostics;
using Dashboard.Data.Events;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.Health;

/// <summary>
/// Ready when the store writer committed recently, or commits a probe write now. Unhealthy while the last attempt
/// failed for want of storage (disk full, I/O error): then a probe write decides, so readiness recovers on its own
/// once the store can write again, whether or not a client retried in between.
/// </summary>
public sealed class StoreWriterHealthCheck(EventStoreWriter writer, IOptions<HealthOptions> options) : IHealthCheck
{
    private static readonly StoreStatement Probe = new(
        "UPDATE schema_migrations SET AppliedAt = AppliedAt WHERE Version = (SELECT MAX(Version) FROM schema_migrations);", []);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statistics = writer.Statistics;
        var data = new Dictionary<string, object>
        {
            ["ingestionQueue"] = writer.IngestionQueueLength,
            ["backgroundQueue"] = writer.BackgroundQueueLength,
        };
        var last = statistics.LastCommitTimestamp;
        if (!statistics.IsFailing && last != 0 && Stopwatch.GetElapsedTime(last) < TimeSpan.FromSeconds(options.Value.WriterRecentSeconds))
        {
            return HealthCheckResult.Healthy("The store writer committed recently.", data);
        }

        var request = WriteRequest.ForStatements([Probe]);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.ProbeTimeoutSeconds));
        try
        {
            await writer.EnqueueAsync(request, timeout.Token).ConfigureAwait(false);
            await request.Completion.WaitAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy("The store writer committed a probe write.", data);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The store writer did not commit a probe write within {options.Value.ProbeTimeoutSeconds} s.", data: data);
        }
        catch (Exception ex) when (StoreFailures.IsStorageFailure(ex))
        {
            var reason = statistics.LastFailure?.Reason ?? ex.Message;
            data["failedAt"] = statistics.LastFailure?.At.ToString("O") ?? "";
            return HealthCheckResult.Unhealthy($"The store cannot write: {reason}", data: data);
        }
    }
}
