using Dashboard.Runtime.Ingestion;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Dashboard.Runtime.RabbitMq;

/// <summary>
/// Ingests one delivery and settles it: ack once the store committed it (accepted or duplicate); nack with requeue,
/// after <see cref="RabbitMqOptions.RequeueDelaySeconds"/>, when the store refused for now (429/503); reject without
/// requeue (dead-lettered when the queue has a dead-letter exchange) for good: not a CloudEvent, invalid, too large,
/// unsupported content type, disabled or unknown definition.
/// </summary>
public sealed partial class RabbitMqMessageHandler(
    IngestionPipeline pipeline,
    DefinitionCatalog catalog,
    IOptions<IngestionOptions> ingestion,
    IOptions<RabbitMqOptions> options,
    TimeProvider clock,
    ILogger<RabbitMqMessageHandler> logger)
{
    /// <summary>How a delivery was settled.</summary>
    public enum Settlement
    {
        Acked,
        Requeued,
        Rejected,
    }

    public async Task<Settlement> HandleAsync(RabbitMqSource source, IChannel channel, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var result = await IngestAsync(source, delivery, cancellationToken).ConfigureAwait(false);
        if (result.Accepted)
        {
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
            LogAcked(logger, source.Queue, result.Outcome);
            return Settlement.Acked;
        }

        if (result.Status is 429 or 503)
        {
            LogRequeued(logger, source.Queue, result.Outcome);
            await Task.Delay(TimeSpan.FromSeconds(options.Value.RequeueDelaySeconds), clock, cancellationToken).ConfigureAwait(false);
            await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken).ConfigureAwait(false);
            return Settlement.Requeued;
        }

        LogRejected(logger, source.Queue, source.Key, result.Outcome, result.Detail ?? result.Title);
        await channel.BasicRejectAsync(delivery.DeliveryTag, requeue: false, cancellationToken).ConfigureAwait(false);
        return Settlement.Rejected;
    }

    private async Task<IngestionResult> IngestAsync(RabbitMqSource source, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        var max = ingestion.Value.MaxBodyBytes;
        if (delivery.Body.Length > max)
        {
            var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
            var request = RabbitMqMessages.ToRequest(source with { WrapNonCloudEvents = false }, delivery.BasicProperties, ReadOnlyMemory<byte>.Empty, clock.GetUtcNow());
            return await pipeline.RejectAsync(request, snapshot.ById(source.DefinitionId), 413, Outcomes.TooLarge, "Message too large",
                $"The message body has {delivery.Body.Length} bytes; at most {max} are accepted.", cancellationToken).ConfigureAwait(false);
        }

        // The delivery's body is only valid during this call: the request keeps its own copy.
        var message = RabbitMqMessages.ToRequest(source, delivery.BasicProperties, delivery.Body.ToArray(), clock.GetUtcNow());
        return await pipeline.IngestAsync(message, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "RabbitMQ message on {Queue}: {Outcome}, acked")]
    private static partial void LogAcked(ILogger logger, string queue, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ message on {Queue} refused for now ({Outcome}); requeued after a delay")]
    private static partial void LogRequeued(ILogger logger, string queue, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ message on {Queue} for {Key} rejected ({Outcome}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string queue, string key, string outcome, string reason);
}
