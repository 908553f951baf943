using System.Text.Json;
using Dashboard.Runtime.Common;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>A worker's sign of life, published on <c>&lt;control&gt;.heartbeat</c> every <see cref="WorkerHeartbeat.Interval"/>.</summary>
public sealed record Heartbeat(string Instance, DateTimeOffset StartedAt, int RunsInFlight);

/// <summary>
/// On a worker: publishes a heartbeat (core NATS) so the owner lists it on the System page and, when the heartbeats stop,
/// queues the runs it was executing again.
/// </summary>
public sealed partial class WorkerHeartbeat(
    NatsConnectionManager manager,
    IDispatchControl dispatcher,
    IOptions<RuntimeOptions> runtime,
    TimeProvider clock,
    ILogger<WorkerHeartbeat> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subject = ScaleOutSubjects.Heartbeat(manager.Options.Nats.ControlSubjectPrefix);
        var started = clock.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (manager.Connection is { ConnectionState: NatsConnectionState.Open } connection)
                {
                    try
                    {
                        var beat = new Heartbeat(runtime.Value.EffectiveInstanceName, started, dispatcher.InFlight);
                        await connection.PublishAsync(subject, JsonSerializer.SerializeToUtf8Bytes(beat), cancellationToken: stoppingToken).ConfigureAwait(false);
                    }
                    catch (NatsException ex)
                    {
                        LogHeartbeatFailed(logger, ex.Message);
                    }
                }

                await Task.Delay(Interval, clock, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Publishing the heartbeat failed: {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string reason);
}
