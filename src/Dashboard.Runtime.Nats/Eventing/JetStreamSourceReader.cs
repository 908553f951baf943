using Dashboard.Runtime.Ingestion;
using Dashboard.Runtime.Nats.Compatibility;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>
/// Reads one NATS-source definition's subject from a JetStream stream through a durable pull consumer. A message is
/// acknowledged once the pipeline has stored (or finally refused) it, so messages published while the app was down are
/// read when it comes back; a message the store could not take now (overload, shutdown) is redelivered after a pause.
/// </summary>
public sealed partial class JetStreamSourceReader(
    NatsSourceMessages.Source source,
    NatsConnection connection,
    IngestionPipeline pipeline,
    TimeProvider clock,
    ILogger logger)
{
    private const int BatchSize = 64;
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RedeliverAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FetchExpiry = ServerVersionGuard.Expiry(TimeSpan.FromSeconds(2));

    /// <summary>The durable consumer of a definition: one per definition, so each reads every message of its subject.</summary>
    public static string ConsumerName(long definitionId) => $"dashboard-source-{definitionId}";

    private string? _lastError;

    public NatsSourceMessages.Source Source => source;

    /// <summary>Why the reader last failed to read the stream; null once reading works.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var jetStream = new NatsJSContext(connection);
        var stream = source.Stream!;
        var consumerName = ConsumerName(source.DefinitionId);
        INatsJSConsumer? consumer = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (consumer is null)
                {
                    consumer = await jetStream.CreateOrUpdateCheckedConsumerAsync(connection, stream, new ConsumerConfig(consumerName)
                    {
                        Description = $"event definition {source.Key}",
                        FilterSubject = source.Subject,
                        AckPolicy = ConsumerConfigAckPolicy.Explicit,
                        AckWait = TimeSpan.FromSeconds(30),
                        MaxAckPending = BatchSize * 4,
                    }, stoppingToken).ConfigureAwait(false);
                    Volatile.Write(ref _lastError, null);
                    LogReading(logger, source.Key, stream, source.Subject, consumerName);
                }

                var handling = new List<Task>(BatchSize);
                var fetch = new NatsJSFetchOpts { MaxMsgs = BatchSize, Expires = FetchExpiry };
                await foreach (var message in consumer.FetchAsync<byte[]>(fetch, cancellationToken: stoppingToken).ConfigureAwait(false))
                {
                    handling.Add(HandleAsync(message, stream, stoppingToken));
                }

                await Task.WhenAll(handling).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A missing stream, a refused consumer, a lost connection: said once per attempt, tried again after a pause.
                consumer = null;
                Volatile.Write(ref _lastError, ex.Message);
                LogReadFailed(logger, source.Key, stream, ex.Message);
                await Task.Delay(RetryPause, clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> message, string stream, CancellationToken stoppingToken)
    {
        var stableId = message.Metadata is { } meta ? $"{meta.Stream}-{meta.Sequence.Stream}" : null;
        IngestionResult result;
        try
        {
            var request = NatsSourceMessages.ToRequest(source, message.Subject, message.Headers, message.Data, clock.GetUtcNow(), stableId);
            result = await pipeline.IngestAsync(request, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogHandleFailed(logger, ex, message.Subject, source.Key);
            await message.NakAsync(new AckOpts { NakDelay = RedeliverAfter }, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (IsTransient(result))
        {
            // Not stored and not refused for good: the stream keeps it and redelivers it.
            var delay = result.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : RedeliverAfter;
            await message.NakAsync(new AckOpts { NakDelay = delay }, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (!result.Accepted)
        {
            // Refused for good (bad data, wrong type, disabled): the ledger has the entry; the stream need not redeliver.
            LogRejected(logger, message.Subject, stream, source.Key, result.Outcome, result.Detail ?? result.Title);
        }

        await message.AckAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
    }

    private static bool IsTransient(IngestionResult result) => result.Status is 429 or >= 500;

    [LoggerMessage(Level = LogLevel.Information, Message = "NATS source {Key} reads {Subject} from stream {Stream} (consumer {Consumer})")]
    private static partial void LogReading(ILogger logger, string key, string stream, string subject, string consumer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NATS source {Key} cannot read stream {Stream}: {Reason}; retrying")]
    private static partial void LogReadFailed(ILogger logger, string key, string stream, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JetStream message on {Subject} (stream {Stream}) for {Key} refused ({Outcome}): {Reason}")]
    private static partial void LogRejected(ILogger logger, string subject, string stream, string key, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a JetStream message on {Subject} for {Key} failed; it is redelivered")]
    private static partial void LogHandleFailed(ILogger logger, Exception exception, string subject, string key);
}
