using Dashboard.Data.Entities;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Eventing;
using Dashboard.Runtime.Telemetry;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Dashboard.Runtime.Nats.Lag;

/// <summary>
/// Consumer lag of the NATS module from JetStream consumer info (<c>num_pending</c>, <c>num_ack_pending</c>): each
/// JetStream-source definition's durable consumer and, in Nats mode, the workers' run queue consumer. Core NATS
/// subjects keep no backlog, so they have no lag to report. Figures are cached briefly (<see cref="ConsumerLagCache"/>).
/// </summary>
public sealed partial class NatsLagReader(
    NatsConnectionManager manager, IEnumerable<NatsEventSources> sources, TimeProvider clock, ILogger<NatsLagReader> logger)
    : ISourceLagReader, IConsumerLagReporter
{
    private const string Broker = "nats";
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(2);
    private readonly ConsumerLagCache _cache = new(clock, ConsumerLagCache.DefaultMaxAge);
    private readonly NatsEventSources? _sources = sources.FirstOrDefault();

    public EventSourceKind SourceKind => EventSourceKind.Nats;

    public Task<SourceLag?> ReadAsync(SourceLagRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Stream))
        {
            return Task.FromResult<SourceLag?>(null);
        }

        var key = Key(request.Stream, JetStreamSourceReader.ConsumerName(request.DefinitionId));
        return _cache.GetAsync(key, token => ReadConsumerAsync(key, token), cancellationToken);
    }

    public IEnumerable<ConsumerLag> Report()
    {
        var keys = new List<string>();
        if (manager.Options.IsNatsMode)
        {
            keys.Add(Key(manager.Options.Nats.StreamName, manager.Options.Nats.ConsumerName));
        }

        foreach (var reader in _sources?.JetStreamReaders ?? [])
        {
            keys.Add(Key(reader.Source.Stream!, JetStreamSourceReader.ConsumerName(reader.Source.DefinitionId)));
        }

        return _cache.Peek(keys, ReadConsumerAsync).Select(k => new ConsumerLag(Broker, k.Lag.Consumer, k.Lag.Pending, k.Lag.AckPending));
    }

    private static string Key(string stream, string consumer) => $"{stream}/{consumer}";

    private async Task<SourceLag?> ReadConsumerAsync(string key, CancellationToken cancellationToken)
    {
        if (manager.Connection is not { ConnectionState: NatsConnectionState.Open } connection)
        {
            return null;
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InfoTimeout);
        try
        {
            var consumer = await new NatsJSContext(connection).GetConsumerAsync(key[..slash], key[(slash + 1)..], timeout.Token).ConfigureAwait(false);
            var info = consumer.Info;
            return new SourceLag(info.Name, (long)info.NumPending, info.NumAckPending, info.NumRedelivered, info.Delivered?.LastActive);
        }
        catch (Exception ex) when (ex is NatsException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogReadFailed(logger, key, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading the lag of JetStream consumer {Consumer} failed: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string consumer, string reason);
}
