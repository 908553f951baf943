using Dashboard.Data;
using Dashboard.Data.Entities;
using Dashboard.Runtime.Definitions;
using Dashboard.Runtime.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>
/// Subscribes to the subject of every enabled NATS-source definition and re-subscribes when definitions change: core
/// NATS (queue group <c>dashboard-sources</c>), or a durable JetStream consumer when the definition names a stream (see
/// <see cref="JetStreamSourceReader"/>). Each message goes through the ingestion pipeline; a core request with a reply
/// subject gets <c>{status, outcome, id, errors}</c>. A bad message is logged and ledgered, never fatal to the loop.
/// </summary>
public sealed partial class NatsEventSources(
    NatsConnectionManager manager,
    IDbContextFactory<DashboardDbContext> dbFactory,
    DefinitionChangeNotifier changes,
    IngestionPipeline pipeline,
    TimeProvider clock,
    ILogger<NatsEventSources> logger) : BackgroundService
{
    public const string QueueGroup = "dashboard-sources";
    private const int MaxInFlight = 64;
    private readonly Dictionary<long, Active> _active = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly SemaphoreSlim _inFlight = new(MaxInFlight, MaxInFlight);
    private int _count;

    /// <summary>A running source: a core subscription, or a JetStream reader stopped through its own cancellation.</summary>
    private sealed class Active(NatsSourceMessages.Source source, INatsSub<byte[]>? subscription, CancellationTokenSource? stop)
    {
        public NatsSourceMessages.Source Source { get; set; } = source;
        public JetStreamSourceReader? Reader { get; init; }
        public Task Loop { get; set; } = Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (subscription is not null)
            {
                await subscription.UnsubscribeAsync().ConfigureAwait(false);
                await subscription.DisposeAsync().ConfigureAwait(false);
            }

            if (stop is not null)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await Loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                stop.Dispose();
            }
        }
    }

    private volatile IReadOnlyList<JetStreamSourceReader> _readers = [];

    /// <summary>Subjects currently subscribed.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The sources read from JetStream streams, for the System page.</summary>
    public IReadOnlyList<JetStreamSourceReader> JetStreamReaders => _readers;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        changes.Changed += OnWake;
        manager.ConnectionAvailable += OnWake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (manager.Connection is { } connection)
                {
                    try
                    {
                        await ReconcileAsync(connection, stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogReconcileFailed(logger, ex);
                    }
                }

                // Wake on a change, or re-check now and then (a subscription the server refused).
                await _wake.WaitAsync(TimeSpan.FromSeconds(30), stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            changes.Changed -= OnWake;
            manager.ConnectionAvailable -= OnWake;
            foreach (var active in _active.Values)
            {
                await active.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private void OnWake() => _wake.Release();

    private async Task ReconcileAsync(NatsConnection connection, CancellationToken stoppingToken)
    {
        var wanted = await LoadAsync(stoppingToken).ConfigureAwait(false);
        foreach (var (id, active) in _active.ToList())
        {
            if (!wanted.TryGetValue(id, out var source) || source.Subject != active.Source.Subject || source.Stream != active.Source.Stream
                || active.Loop.IsCompleted)
            {
                await active.StopAsync(stoppingToken).ConfigureAwait(false);
                _active.Remove(id);
                LogUnsubscribed(logger, active.Source.Key, active.Source.Subject);
            }
            else
            {
                active.Source = source;
            }
        }

        foreach (var source in wanted.Values.Where(s => !_active.ContainsKey(s.DefinitionId)))
        {
            if (source.Stream is not null)
            {
                var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var reader = new JetStreamSourceReader(source, connection, pipeline, clock, logger);
                _active[source.DefinitionId] = new Active(source, null, stop)
                {
                    Reader = reader, Loop = Task.Run(() => reader.RunAsync(stop.Token), CancellationToken.None),
                };
                continue;
            }

            INatsSub<byte[]> subscription;
            try
            {
                subscription = await connection.SubscribeCoreAsync<byte[]>(source.Subject, QueueGroup, cancellationToken: stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or NatsException)
            {
                LogSubscriptionEnded(logger, source.Subject, ex.Message);
                continue;
            }

            var active = new Active(source, subscription, null);
            active.Loop = ReadAsync(active, subscription, stoppingToken);
            _active[source.DefinitionId] = active;
            LogSubscribed(logger, source.Key, source.Subject);
        }

        Volatile.Write(ref _count, _active.Count);
        _readers = _active.Values.Select(a => a.Reader).OfType<JetStreamSourceReader>().ToList();
    }

    private async Task<Dictionary<long, NatsSourceMessages.Source>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var definitions = await db.EventDefinitions.AsNoTracking()
            .Where(d => d.SourceKind == EventSourceKind.Nats && d.Enabled && d.NatsSubject != null)
            .Select(d => new NatsSourceMessages.Source(d.Id, d.Key, d.NatsSubject!, d.NatsWrapNonCloudEvents, d.TypeFilter, d.NatsStream))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return definitions.Where(d => d.Subject.Length > 0).ToDictionary(d => d.DefinitionId);
    }

    private async Task ReadAsync(Active active, INatsSub<byte[]> subscription, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var msg in subscription.Msgs.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await _inFlight.WaitAsync(stoppingToken).ConfigureAwait(false);
                _ = HandleAsync(active.Source, msg, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The server refused the subscription (permissions) or the connection closed: re-checked on the next wake.
            LogSubscriptionEnded(logger, active.Source.Subject, ex.Message);
        }
    }

    private async Task HandleAsync(NatsSourceMessages.Source source, NatsMsg<byte[]> msg, CancellationToken stoppingToken)
    {
        try
        {
            var request = NatsSourceMessages.ToRequest(source, msg.Subject, msg.Headers, msg.Data, clock.GetUtcNow());
            var result = await pipeline.IngestAsync(request, stoppingToken).ConfigureAwait(false);
            if (result.Accepted)
            {
                LogIngested(logger, msg.Subject, result.Outcome);
            }
            else
            {
                LogRejected(logger, msg.Subject, source.Key, result.Outcome, result.Detail ?? result.Title);
            }

            if (msg.ReplyTo is not null)
            {
                await msg.ReplyAsync(NatsSourceMessages.Reply(result), cancellationToken: stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogHandleFailed(logger, ex, msg.Subject, source.Key);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "NATS source {Key} subscribed to {Subject}")]
    private static partial void LogSubscribed(ILogger logger, string key, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "NATS source {Key} unsubscribed from {Subject}")]
    private static partial void LogUnsubscribed(ILogger logger, string key, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription to {Subject} ended: {Reason}")]
    private static partial void LogSubscriptionEnded(ILogger logger, string subject, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "NATS message on {Subject}: {Outcome}")]
    private static partial void LogIngested(ILogger logger, string subject, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NATS message on {Subject} for {Key} rejected ({Outcome}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string subject, string key, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a NATS message on {Subject} for {Key} failed")]
    private static partial void LogHandleFailed(ILogger logger, Exception exception, string subject, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Updating NATS source subscriptions failed")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);
}
