using System.Collections.Concurrent;
using System.Text.Json;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>
/// On the owner (Runtime:ScaleOut): the workers heard from, by heartbeat. A worker silent for
/// <see cref="RuntimeOptions.WorkerTimeoutSeconds"/> is shown as lost, and the runs it left Running are queued again
/// (<see cref="LostWorkerRuns"/>), resuming at their last stored step.
/// </summary>
public sealed partial class WorkerRegistry(
    NatsConnectionManager manager,
    LostWorkerRuns lostRuns,
    IOptions<RuntimeOptions> runtime,
    TimeProvider clock,
    ILogger<WorkerRegistry> logger) : BackgroundService, IScaleOutView
{
    private readonly ConcurrentDictionary<string, WorkerState> _workers = new(StringComparer.Ordinal);

    /// <summary>A worker as last heard: its heartbeat and when it came.</summary>
    private sealed record WorkerState(Heartbeat Last, DateTimeOffset LastSeen, bool Lost);

    public bool Enabled => true;

    public IReadOnlyList<WorkerStatus> Workers => [.. _workers.Values.OrderBy(w => w.Last.Instance, StringComparer.Ordinal)
        .Select(w => new WorkerStatus(w.Last.Instance, w.Last.StartedAt, w.Last.RunsInFlight, w.LastSeen, w.Lost))];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var connection = await manager.WaitForConnectionAsync(stoppingToken).ConfigureAwait(false);
            var sweep = SweepAsync(stoppingToken);
            var subject = ScaleOutSubjects.Heartbeat(manager.Options.Nats.ControlSubjectPrefix);
            await foreach (var message in connection.SubscribeAsync<byte[]>(subject, cancellationToken: stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    if (JsonSerializer.Deserialize<Heartbeat>(message.Data ?? []) is { Instance.Length: > 0 } beat)
                    {
                        _workers[beat.Instance] = new WorkerState(beat, clock.GetUtcNow(), false);
                    }
                }
                catch (JsonException)
                {
                    LogBadHeartbeat(logger);
                }
            }

            await sweep.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Marks silent workers lost and queues again the runs of workers no longer heard from.</summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        var timeout = TimeSpan.FromSeconds(runtime.Value.WorkerTimeoutSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(WorkerHeartbeat.Interval, clock, stoppingToken).ConfigureAwait(false);
            var now = clock.GetUtcNow();
            foreach (var (name, state) in _workers)
            {
                if (!state.Lost && now - state.LastSeen > timeout)
                {
                    _workers[name] = state with { Lost = true };
                    LogWorkerLost(logger, name, state.LastSeen);
                }
            }

            try
            {
                var alive = _workers.Values.Where(w => !w.Lost).Select(w => w.Last.Instance).ToList();
                await lostRuns.RequeueAsync(alive, now - timeout, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRequeueFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A heartbeat could not be read")]
    private static partial void LogBadHeartbeat(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Instance} sent no heartbeat since {LastSeen:O}; its runs are queued again")]
    private static partial void LogWorkerLost(ILogger logger, string instance, DateTimeOffset lastSeen);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queuing the runs of lost workers again failed; retrying")]
    private static partial void LogRequeueFailed(ILogger logger, Exception exception);
}
