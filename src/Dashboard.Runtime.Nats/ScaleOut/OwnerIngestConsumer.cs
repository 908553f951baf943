using System.Text.Json;
using Dashboard.Data.Events;
using Dashboard.Runtime.Nats.Compatibility;
using Dashboard.Runtime.Nats.Eventing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Dashboard.Runtime.Nats.ScaleOut;

/// <summary>
/// On the owner (Runtime:ScaleOut): pulls the writes workers forwarded, stores them through the same group-commit
/// writer as local ingestion, and acknowledges each message after its transaction committed. A redelivery after a lost
/// ack is harmless: UNIQUE(source, id) makes the event a duplicate, so it never runs twice.
/// </summary>
public sealed partial class OwnerIngestConsumer(
    NatsConnectionManager manager,
    EventStoreWriter writer,
    ILogger<OwnerIngestConsumer> logger) : BackgroundService
{
    private const int MaxFetch = 256;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan FetchExpiry = ServerVersionGuard.Expiry(TimeSpan.FromSeconds(2));
    private long _stored;

    /// <summary>Forwarded writes stored and acknowledged.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nats = manager.Options.Nats;
        INatsJSConsumer? consumer = null;
        NatsJSContext? consumerContext = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var jetStream = manager.JetStream;
            if (jetStream is null || manager.Connection?.ConnectionState != NatsConnectionState.Open)
            {
                await Task.Delay(Idle, stoppingToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                if (consumer is null || !ReferenceEquals(consumerContext, jetStream))
                {
                    consumer = await jetStream.GetConsumerAsync(nats.IngestStreamName, nats.IngestConsumerName, stoppingToken).ConfigureAwait(false);
                    consumerContext = jetStream;
                }

                var messages = new List<INatsJSMsg<byte[]>>();
                var fetch = new NatsJSFetchOpts { MaxMsgs = MaxFetch, Expires = FetchExpiry };
                await foreach (var message in consumer.FetchAsync<byte[]>(fetch, cancellationToken: stoppingToken).ConfigureAwait(false))
                {
                    messages.Add(message);
                }

                await StoreAsync(messages, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                consumer = null;
                LogFetchFailed(logger, ex.Message);
                await Task.Delay(Idle, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task StoreAsync(List<INatsJSMsg<byte[]>> messages, CancellationToken stoppingToken)
    {
        // Queue the whole fetch first so the writer commits it as one group.
        var pending = new List<(INatsJSMsg<byte[]> Message, WriteRequest Write)>(messages.Count);
        foreach (var message in messages)
        {
            ForwardedWrite? forwarded;
            try
            {
                forwarded = JsonSerializer.Deserialize<ForwardedWrite>(message.Data ?? []);
            }
            catch (JsonException)
            {
                forwarded = null;
            }

            if (forwarded is null)
            {
                LogBadMessage(logger, message.Subject);
                await message.AckTerminateAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                continue;
            }

            var write = forwarded.ToRequest();
            if (!writer.TryEnqueue(write))
            {
                await message.NakAsync(new AckOpts { NakDelay = TimeSpan.FromSeconds(1) }, stoppingToken).ConfigureAwait(false);
                continue;
            }

            pending.Add((message, write));
        }

        // Each message is acknowledged once its write committed; the acks go out together, not one round trip each.
        await Task.WhenAll(pending.Select(p => SettleAsync(p.Message, p.Write, stoppingToken))).ConfigureAwait(false);
    }

    private async Task SettleAsync(INatsJSMsg<byte[]> message, WriteRequest write, CancellationToken stoppingToken)
    {
        try
        {
            await write.Completion.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogStoreFailed(logger, ex, message.Subject);
            await message.NakAsync(new AckOpts { NakDelay = TimeSpan.FromSeconds(1) }, stoppingToken).ConfigureAwait(false);
            return;
        }

        await message.AckAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        Interlocked.Increment(ref _stored);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching forwarded writes failed: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message on {Subject} is not a forwarded write; terminated")]
    private static partial void LogBadMessage(ILogger logger, string subject);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a forwarded write from {Subject} failed; it is redelivered")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string subject);
}
