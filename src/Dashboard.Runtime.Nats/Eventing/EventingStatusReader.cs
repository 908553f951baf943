using Dashboard.Runtime.Contracts;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>The System page's view of NATS eventing: the manager's state plus live stream and consumer figures.</summary>
public sealed partial class EventingStatusReader(
    NatsConnectionManager manager, IEnumerable<NatsEventSources> sourceReaders, IEnumerable<LocalNatsServer> localServers, ILogger<EventingStatusReader> logger) : IEventingView
{
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(2);
    private readonly NatsEventSources? _sources = sourceReaders.FirstOrDefault();

    public IDisposable Subscribe(Action changed) => manager.SubscribeStateChanged(changed);

    public async Task<EventingStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var options = manager.Options;
        var connection = manager.Connection;
        var (history, dropped, since, lastError) = manager.Snapshot();
        StreamStatus? stream = null;
        ConsumerStatus? consumer = null;
        if (options.IsNatsMode && manager.JetStream is { } jetStream && connection?.ConnectionState == NatsConnectionState.Open)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(InfoTimeout);
            try
            {
                var info = (await jetStream.GetStreamAsync(options.Nats.StreamName, cancellationToken: timeout.Token).ConfigureAwait(false)).Info;
                stream = new StreamStatus(info.Config.Name ?? options.Nats.StreamName, [.. info.Config.Subjects ?? []],
                    (ulong)info.State.Messages, (ulong)info.State.Bytes, info.State.FirstSeq, info.State.LastSeq);
                var c = (await jetStream.GetConsumerAsync(options.Nats.StreamName, options.Nats.ConsumerName, timeout.Token).ConfigureAwait(false)).Info;
                consumer = Consumer(c, options.Nats.MaxAckPending);
            }
            catch (Exception ex) when (ex is NatsException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogInfoFailed(logger, ex.Message);
            }
        }

        var sourceConsumers = await ReadSourceConsumersAsync(connection, cancellationToken).ConfigureAwait(false);
        var server = connection?.ServerInfo is { } s ? new ServerSummary(s.Name ?? s.Id, s.Version, s.JetStreamAvailable, s.MaxPayload) : null;
        return new EventingStatus(
            options.IsNatsMode ? EventingOptions.NatsMode : EventingOptions.EmbeddedMode,
            manager.Dispatch,
            since,
            manager.ConnectionWanted,
            manager.ConnectionWanted ? options.Nats.EffectiveUrl : null,
            connection is null ? null : StateText(connection.ConnectionState),
            server,
            stream,
            consumer,
            lastError,
            localServers.Any(s => s.IsRunning),
            history,
            dropped,
            _sources?.Count ?? 0)
        {
            SourceConsumers = sourceConsumers,
        };
    }

    /// <summary>The connection state as the System page words it.</summary>
    public static string StateText(NatsConnectionState state) => state switch
    {
        NatsConnectionState.Open => "Connected",
        NatsConnectionState.Connecting => "Connecting",
        NatsConnectionState.Reconnecting => "Reconnecting",
        NatsConnectionState.Failed => "Failed",
        _ => "Closed",
    };

    private static ConsumerStatus Consumer(NATS.Client.JetStream.Models.ConsumerInfo c, long defaultMaxAckPending) =>
        new(c.Name, c.NumPending, c.NumAckPending, (int)(c.Config.MaxAckPending > 0 ? c.Config.MaxAckPending : defaultMaxAckPending), c.NumRedelivered, c.NumWaiting);

    private async Task<IReadOnlyList<SourceConsumerStatus>> ReadSourceConsumersAsync(NatsConnection? connection, CancellationToken cancellationToken)
    {
        var readers = _sources?.JetStreamReaders ?? [];
        if (readers.Count == 0)
        {
            return [];
        }

        var jetStream = connection is { ConnectionState: NatsConnectionState.Open } ? new NatsJSContext(connection) : null;
        var list = new List<SourceConsumerStatus>(readers.Count);
        foreach (var reader in readers)
        {
            var source = reader.Source;
            ConsumerStatus? consumer = null;
            var error = reader.LastError;
            if (jetStream is not null)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(InfoTimeout);
                try
                {
                    var c = await jetStream.GetConsumerAsync(source.Stream!, JetStreamSourceReader.ConsumerName(source.DefinitionId), timeout.Token).ConfigureAwait(false);
                    consumer = Consumer(c.Info, 0);
                }
                catch (Exception ex) when (ex is NatsException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    error ??= ex.Message;
                }
            }

            list.Add(new SourceConsumerStatus(source.Key, source.Stream!, source.Subject, consumer, error));
        }

        return list;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading stream or consumer info failed: {Reason}")]
    private static partial void LogInfoFailed(ILogger logger, string reason);
}
