using System.Text.Json;
using Dashboard.Data.Events;
using Dashboard.Nats;
using Dashboard.Nats.JetStream;
using Dashboard.Runtime.Eventing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Runtime.ScaleOut;

/// <summary>
/// On the owner (Runtime:ScaleOut): pulls the writes workers forwarded, stores them through the same group-commit
/// writer as local ingestion, and acknowledges each message after its transaction committed. A redelivery after a lost
/// ack is harmless: UNIQUE(source, id) makes the event a duplicate, so it never runs twice.
/// </summary>
public sealed partial class OwnerIngestConsumer(
    NatsConnectionManager manager,
    EventStoreWriter writer,
    IOptions<RuntimeOptions> runtime,
    ILogger<OwnerIngestConsumer> logger) : BackgroundService
{
    private const int MaxFetch = 256;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);
    private long _stored;

    /// <summary>Forwarded writes stored and acknowledged.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!runtime.Value.IsScaleOutOwner)
        {
            return;
        }

        var nats = manager.Options.Nats;
        while (!stoppingToken.IsCancellationRequested)
        {
            var jetStream = manager.JetStream;
            if (jetStream is null || manager.Connection?.State != NatsConnectionState.Connected)
            {
                await Task.Delay(Idle, stoppingToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                var fetch = new FetchOptions { MaxMessages = MaxFetch, Expires = TimeSpan.FromSeconds(1) };
                var messages = await jetStream.FetchAsync(nats.IngestStreamName, nats.IngestConsumerName, fetch, stoppingToken).ConfigureAwait(false);
                await StoreAsync(messages, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFetchFailed(logger, ex.Message);
                await Task.Delay(Idle, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task StoreAsync(IReadOnlyList<NatsJsMsg> messages, CancellationToken stoppingToken)
    {
        // Queue the whole fetch first so the writer commits it as one group.
        var pending = new List<(NatsJsMsg Message, WriteRequest Write)>(messages.Count);
        foreach (var message in messages)
        {
            ForwardedWrite? forwarded;
            try
            {
                forwarded = JsonSerializer.Deserialize<ForwardedWrite>(message.Data.Span);
            }
            catch (JsonException)
            {
                forwarded = null;
            }

            if (forwarded is null)
            {
                LogBadMessage(logger, message.Subject);
                await message.TermAsync(stoppingToken).ConfigureAwait(false);
                continue;
            }

            var write = forwarded.ToRequest();
            if (!writer.TryEnqueue(write))
            {
                await message.NakAsync(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                continue;
            }

            pending.Add((message, write));
        }

        foreach (var (message, write) in pending)
        {
            try
            {
                await write.Completion.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogStoreFailed(logger, ex, message.Subject);
                await message.NakAsync(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                continue;
            }

            await message.AckAsync(stoppingToken).ConfigureAwait(false);
            Interlocked.Increment(ref _stored);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching forwarded writes failed: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message on {Subject} is not a forwarded write; terminated")]
    private static partial void LogBadMessage(ILogger logger, string subject);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a forwarded write from {Subject} failed; it is redelivered")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string subject);
}
