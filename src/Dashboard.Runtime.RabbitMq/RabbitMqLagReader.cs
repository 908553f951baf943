using Dashboard.Data.Entities;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Telemetry;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Dashboard.Runtime.RabbitMq;

/// <summary>
/// Consumer lag of the RabbitMQ sources: a passive declare of each queue on a short-lived channel of the sources'
/// connection gives the ready message count (pending) and the consumer count; the deliveries being handled now are
/// the ones awaiting an ack. Figures are cached briefly (<see cref="ConsumerLagCache"/>); with no connection open
/// (broker lost, or no source defined) nothing is reported.
/// </summary>
public sealed partial class RabbitMqLagReader(RabbitMqEventSources sources, TimeProvider clock, ILogger<RabbitMqLagReader> logger)
    : ISourceLagReader, IConsumerLagReporter
{
    private const string Broker = "rabbitmq";
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);
    private readonly ConsumerLagCache _cache = new(clock, ConsumerLagCache.DefaultMaxAge);

    public EventSourceKind SourceKind => EventSourceKind.RabbitMq;

    public Task<SourceLag?> ReadAsync(SourceLagRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Queue))
        {
            return Task.FromResult<SourceLag?>(null);
        }

        var key = Key(request.DefinitionId, request.Queue);
        return _cache.GetAsync(key, token => ReadQueueAsync(key, token), cancellationToken);
    }

    public IEnumerable<ConsumerLag> Report()
    {
        var keys = sources.Consumed.Select(s => Key(s.DefinitionId, s.Queue)).ToList();
        return _cache.Peek(keys, ReadQueueAsync).Select(k => new ConsumerLag(Broker, k.Lag.Consumer, k.Lag.Pending, k.Lag.AckPending));
    }

    private static string Key(long definitionId, string queue) => $"{definitionId}/{queue}";

    private async Task<SourceLag?> ReadQueueAsync(string key, CancellationToken cancellationToken)
    {
        if (sources.Connection is not { IsOpen: true } connection)
        {
            return null;
        }

        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var definitionId = long.Parse(key.AsSpan(0, slash), System.Globalization.CultureInfo.InvariantCulture);
        var queue = key[(slash + 1)..];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        try
        {
            // Its own channel: a passive declare of a missing queue closes the channel it runs on.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            var declared = await channel.QueueDeclarePassiveAsync(queue, timeout.Token).ConfigureAwait(false);
            return new SourceLag(queue, declared.MessageCount, sources.InFlight(definitionId), 0, null, (int)declared.ConsumerCount);
        }
        catch (Exception ex) when (ex is RabbitMQClientException or OperationInterruptedException or IOException
                                       or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogReadFailed(logger, queue, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading the depth of RabbitMQ queue {Queue} failed: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string queue, string reason);
}
