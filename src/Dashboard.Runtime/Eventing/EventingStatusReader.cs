using Dashboard.Nats;
using Dashboard.Nats.JetStream;
using Microsoft.Extensions.Logging;

namespace Dashboard.Runtime.Eventing;

/// <summary>Assembles <see cref="EventingStatus"/>: the manager's state plus live stream and consumer figures.</summary>
public sealed partial class EventingStatusReader(
    NatsConnectionManager manager, NatsEventSources sources, LocalNatsServer localServer, ILogger<EventingStatusReader> logger)
{
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(2);

    public async Task<EventingStatus> ReadAsync(CancellationToken cancellationToken)
    {
        var options = manager.Options;
        var connection = manager.Connection;
        var (history, dropped, since, lastError) = manager.Snapshot();
        StreamStatus? stream = null;
        ConsumerStatus? consumer = null;
        if (options.IsNatsMode && manager.JetStream is { } jetStream && connection?.State == NatsConnectionState.Connected)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(InfoTimeout);
            try
            {
                var info = await jetStream.GetStreamAsync(options.Nats.StreamName, timeout.Token).ConfigureAwait(false);
                stream = new StreamStatus(info.Config.Name, info.Config.Subjects ?? [], info.State.Messages, info.State.Bytes, info.State.FirstSeq, info.State.LastSeq);
                var c = await jetStream.GetConsumerAsync(options.Nats.StreamName, options.Nats.ConsumerName, timeout.Token).ConfigureAwait(false);
                consumer = new ConsumerStatus(c.Name, c.NumPending, c.NumAckPending, c.Config.MaxAckPending ?? options.Nats.MaxAckPending, c.NumRedelivered, c.NumWaiting);
            }
            catch (Exception ex) when (ex is NatsException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogInfoFailed(logger, ex.Message);
            }
        }

        var sourceConsumers = await ReadSourceConsumersAsync(connection, cancellationToken).ConfigureAwait(false);
        return new EventingStatus(
            options.IsNatsMode ? EventingOptions.NatsMode : EventingOptions.EmbeddedMode,
            manager.Dispatch,
            since,
            manager.ConnectionWanted,
            manager.ConnectionWanted ? options.Nats.EffectiveUrl : null,
            connection?.State,
            connection?.ServerInfo,
            stream,
            consumer,
            lastError,
            localServer.IsRunning,
            history,
            dropped,
            sources.Count)
        {
            SourceConsumers = sourceConsumers,
        };
    }

    private async Task<IReadOnlyList<SourceConsumerStatus>> ReadSourceConsumersAsync(NatsConnection? connection, CancellationToken cancellationToken)
    {
        var readers = sources.JetStreamReaders;
        if (readers.Count == 0)
        {
            return [];
        }

        var connected = connection is { State: NatsConnectionState.Connected };
        var jetStream = connected ? new NatsJetStream(connection!) : null;
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
                    consumer = new ConsumerStatus(c.Name, c.NumPending, c.NumAckPending, c.Config.MaxAckPending ?? 0, c.NumRedelivered, c.NumWaiting);
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
