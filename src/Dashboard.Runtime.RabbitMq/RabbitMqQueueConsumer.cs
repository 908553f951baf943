using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Dashboard.Runtime.RabbitMq;

/// <summary>
/// One source's channel: declares or checks its queue, binds it, sets the prefetch and consumes with manual acks.
/// Deliveries are handled concurrently up to the prefetch (at most 64 at once); stopping cancels the consumer and
/// waits for the deliveries in hand to settle before the channel closes.
/// </summary>
internal sealed partial class RabbitMqQueueConsumer : IAsyncDisposable
{
    private const int MaxConcurrency = 64;
    private readonly IChannel _channel;
    private readonly RabbitMqSource _source;
    private readonly ILogger _logger;
    private int _inFlight;
    private string? _consumerTag;

    private RabbitMqQueueConsumer(IChannel channel, RabbitMqSource source, ILogger logger)
    {
        _channel = channel;
        _source = source;
        _logger = logger;
    }

    public RabbitMqSource Source => _source;

    /// <summary>Deliveries being handled now (not yet acknowledged).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public static async Task<RabbitMqQueueConsumer> StartAsync(
        IConnection connection, RabbitMqSource source, RabbitMqMessageHandler handler, ILogger logger, CancellationToken stoppingToken)
    {
        var concurrency = (ushort)Math.Min(source.Prefetch, MaxConcurrency);
        var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: false, publisherConfirmationTrackingEnabled: false, consumerDispatchConcurrency: concurrency),
            stoppingToken).ConfigureAwait(false);
        var consumer = new RabbitMqQueueConsumer(channel, source, logger);
        try
        {
            await channel.BasicQosAsync(0, (ushort)source.Prefetch, global: false, stoppingToken).ConfigureAwait(false);
            if (source.DeclareQueue)
            {
                await channel.QueueDeclareAsync(source.Queue, durable: true, exclusive: false, autoDelete: false, arguments: null,
                    cancellationToken: stoppingToken).ConfigureAwait(false);
            }
            else
            {
                await channel.QueueDeclarePassiveAsync(source.Queue, stoppingToken).ConfigureAwait(false);
            }

            if (source.Exchange is not null)
            {
                await channel.QueueBindAsync(source.Queue, source.Exchange, source.RoutingKey ?? "", arguments: null,
                    cancellationToken: stoppingToken).ConfigureAwait(false);
            }

            var basic = new AsyncEventingBasicConsumer(channel);
            basic.ReceivedAsync += (_, delivery) => consumer.OnReceivedAsync(handler, delivery, stoppingToken);
            consumer._consumerTag = await channel.BasicConsumeAsync(source.Queue, autoAck: false, basic, stoppingToken).ConfigureAwait(false);
            return consumer;
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task OnReceivedAsync(RabbitMqMessageHandler handler, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            await handler.HandleAsync(_source, _channel, delivery, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Not settled: the broker redelivers it to the next consumer.
        }
        catch (Exception ex)
        {
            // The channel or connection closed before the ack: the broker redelivers, and the store answers duplicate.
            LogHandleFailed(_logger, ex, _source.Queue, _source.Key);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_consumerTag is not null && _channel.IsOpen)
            {
                await _channel.BasicCancelAsync(_consumerTag).ConfigureAwait(false);
            }

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Volatile.Read(ref _inFlight) > 0 && _channel.IsOpen && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }

            if (_channel.IsOpen)
            {
                await _channel.CloseAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogCloseFailed(_logger, _source.Queue, ex.Message);
        }
        finally
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling a RabbitMQ message on {Queue} for {Key} failed; it stays unacknowledged")]
    private static partial void LogHandleFailed(ILogger logger, Exception exception, string queue, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the channel of {Queue}: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string queue, string reason);
}
