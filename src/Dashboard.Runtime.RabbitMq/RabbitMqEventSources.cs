using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Dashboard.Runtime.RabbitMq;

/// <summary>
/// Consumes the queue of every enabled RabbitMQ-source definition. The connection is open only while such a
/// definition exists; when definitions change or the connection is lost, every consumer is stopped and started again
/// (unacknowledged deliveries return to the queue and come back, and the store answers duplicate for any already
/// stored). A queue that cannot be consumed (missing, refused) is logged and retried every 30 s.
/// </summary>
public sealed partial class RabbitMqEventSources(
    IDbContextFactory<DashboardDbContext> dbFactory,
    DefinitionChangeNotifier changes,
    RabbitMqMessageHandler handler,
    IOptions<RabbitMqOptions> options,
    TimeProvider clock,
    ILogger<RabbitMqEventSources> logger) : BackgroundService
{
    private TaskCompletionSource _changed = NewSignal();
    private int _count;
    private RabbitMqConnectionStatus _status = new(RabbitMqConnectionState.Connecting, "starting", clock.GetUtcNow());
    private IConnection? _connection;
    private IReadOnlyList<RabbitMqQueueConsumer> _consumers = [];

    /// <summary>Queues currently consumed.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The connection's state (readiness and the System page read it).</summary>
    public RabbitMqConnectionStatus Status => Volatile.Read(ref _status);

    /// <summary>The open connection, or null (lag reads open their own short-lived channel on it).</summary>
    public IConnection? Connection => Volatile.Read(ref _connection);

    /// <summary>The sources consumed now.</summary>
    public IReadOnlyList<RabbitMqSource> Consumed => [.. Volatile.Read(ref _consumers).Select(c => c.Source)];

    /// <summary>Deliveries of a definition's queue being handled now (received, not yet acknowledged).</summary>
    public int InFlight(long definitionId) => Volatile.Read(ref _consumers).Where(c => c.Source.DefinitionId == definitionId).Sum(c => c.InFlight);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        changes.Changed += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = Volatile.Read(ref _changed);
                var wanted = await LoadAsync(stoppingToken).ConfigureAwait(false);
                if (wanted.Count == 0)
                {
                    SetStatus(RabbitMqConnectionState.Idle, "no RabbitMQ source is defined");
                    await changed.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    await ConsumeAsync(wanted, changed.Task, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogConnectionFailed(logger, ex.Message);
                    var lost = Status.State is RabbitMqConnectionState.Lost or RabbitMqConnectionState.Connected or RabbitMqConnectionState.Blocked;
                    SetStatus(lost ? RabbitMqConnectionState.Lost : RabbitMqConnectionState.Connecting,
                        $"{(lost ? "connection lost" : "broker unreachable")}: {ex.Message}; retrying");
                    await Task.WhenAny(changed.Task, Task.Delay(TimeSpan.FromSeconds(options.Value.ReconnectSeconds), clock, stoppingToken)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            changes.Changed -= OnChanged;
            Volatile.Write(ref _count, 0);
        }
    }

    private void SetStatus(RabbitMqConnectionState state, string description)
    {
        if (Status is { } current && current.State == state && current.Description == description)
        {
            return;
        }

        Volatile.Write(ref _status, new RabbitMqConnectionStatus(state, description, clock.GetUtcNow()));
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void OnChanged() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private async Task ConsumeAsync(IReadOnlyList<RabbitMqSource> wanted, Task changed, CancellationToken stoppingToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Value.Uri!),
            AutomaticRecoveryEnabled = false,
            ClientProvidedName = "dashboard-sources",
        };
        await using var connection = await factory.CreateConnectionAsync(stoppingToken).ConfigureAwait(false);
        var lost = NewSignal();
        var endpoint = $"{connection.Endpoint.HostName}:{connection.Endpoint.Port}";
        connection.ConnectionShutdownAsync += (_, args) =>
        {
            if (!stoppingToken.IsCancellationRequested && args.Initiator != ShutdownInitiator.Application)
            {
                SetStatus(RabbitMqConnectionState.Lost, $"connection to {endpoint} lost: {args.ReplyText}; reconnecting");
            }

            lost.TrySetResult();
            return Task.CompletedTask;
        };
        connection.ConnectionBlockedAsync += (_, args) =>
        {
            SetStatus(RabbitMqConnectionState.Blocked, $"connected to {endpoint}; the broker blocked publishing ({args.Reason}), deliveries go on");
            return Task.CompletedTask;
        };
        connection.ConnectionUnblockedAsync += (_, _) =>
        {
            SetStatus(RabbitMqConnectionState.Connected, $"connected to {endpoint}");
            return Task.CompletedTask;
        };
        Volatile.Write(ref _connection, connection);
        SetStatus(RabbitMqConnectionState.Connected, $"connected to {endpoint}");

        var consumers = new List<RabbitMqQueueConsumer>();
        try
        {
            foreach (var source in wanted)
            {
                try
                {
                    consumers.Add(await RabbitMqQueueConsumer.StartAsync(connection, source, handler, logger, stoppingToken).ConfigureAwait(false));
                    LogConsuming(logger, source.Key, source.Queue);
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException ex)
                {
                    LogQueueRefused(logger, source.Key, source.Queue, ex.Message);
                }
            }

            Volatile.Write(ref _count, consumers.Count);
            Volatile.Write(ref _consumers, consumers.ToArray());
            var recheck = consumers.Count < wanted.Count ? TimeSpan.FromSeconds(30) : Timeout.InfiniteTimeSpan;
            await Task.WhenAny(changed, lost.Task, Task.Delay(recheck, clock, stoppingToken)).ConfigureAwait(false);
            if (lost.Task.IsCompleted && !stoppingToken.IsCancellationRequested)
            {
                LogConnectionLost(logger);
                await Task.Delay(TimeSpan.FromSeconds(options.Value.ReconnectSeconds), clock, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _count, 0);
            Volatile.Write(ref _consumers, []);
            Volatile.Write(ref _connection, null);
            foreach (var consumer in consumers)
            {
                await consumer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<List<RabbitMqSource>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.EventDefinitions.AsNoTracking()
            .Where(d => d.SourceKind == EventSourceKind.RabbitMq && d.Enabled && d.RabbitQueue != null)
            .OrderBy(d => d.Id)
            .Select(d => new RabbitMqSource(d.Id, d.Key, d.RabbitQueue!, d.RabbitDeclareQueue, d.RabbitExchange, d.RabbitRoutingKey, d.RabbitPrefetch,
                d.NatsWrapNonCloudEvents, d.TypeFilter))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "RabbitMQ source {Key} consuming {Queue}")]
    private static partial void LogConsuming(ILogger logger, string key, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ source {Key} cannot consume {Queue}: {Reason}; retried in 30 s or when definitions change")]
    private static partial void LogQueueRefused(ILogger logger, string key, string queue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ broker unreachable: {Reason}")]
    private static partial void LogConnectionFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ connection lost; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger);
}
