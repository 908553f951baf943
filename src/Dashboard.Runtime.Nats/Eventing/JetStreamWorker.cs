using System.Text.Json;
using Dashboard.Runtime.Contracts;
using Dashboard.Runtime.Nats.Compatibility;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>
/// In Nats mode, pulls from the durable consumer as many messages as there are free workers, claims the fetched events'
/// fresh Queued runs in SQLite (one statement in the event writer's group commit per fetch; on a worker instance in the
/// owner's, through <see cref="IRunStorage"/>), acknowledges the messages once the claim committed, and hands the runs
/// to the dispatcher's workers. From the ack on, SQLite owns at-least-once: a crash leaves the runs Running and startup
/// resumes them.
/// </summary>
public sealed partial class JetStreamWorker(
    NatsConnectionManager manager,
    IRunStorage runs,
    IDispatchControl dispatcher,
    ILogger<JetStreamWorker> logger) : BackgroundService
{
    private const int MaxFetch = 64;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan NextExpiry = ServerVersionGuard.Expiry(TimeSpan.FromSeconds(2));
    private long _claimed;
    private long _messages;

    /// <summary>Runs claimed from JetStream messages.</summary>
    public long Claimed => Interlocked.Read(ref _claimed);

    /// <summary>Messages handled (acknowledged or terminated).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nats = manager.Options.Nats;
        INatsJSConsumer? consumer = null;
        NatsJSContext? consumerContext = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var jetStream = manager.JetStream;
            if (jetStream is null || !manager.IsNatsDispatchActive)
            {
                await Task.Delay(Idle, stoppingToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                if (consumer is null || !ReferenceEquals(consumerContext, jetStream))
                {
                    consumer = await jetStream.GetConsumerAsync(nats.StreamName, nats.ConsumerName, stoppingToken).ConfigureAwait(false);
                    consumerContext = jetStream;
                }

                // Take what is waiting at once; when nothing is, wait for the next message rather than for a full batch (a
                // pull request is answered only when its batch is full or it expires, which throttles a consumer shared by
                // several instances).
                var messages = new List<INatsJSMsg<byte[]>>();
                var waiting = new NatsJSFetchOpts { MaxMsgs = Math.Clamp(dispatcher.FreeSlots, 1, MaxFetch) };
                await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(waiting, cancellationToken: stoppingToken).ConfigureAwait(false))
                {
                    messages.Add(message);
                }

                if (messages.Count == 0)
                {
                    var next = new NatsJSFetchOpts { MaxMsgs = 1, Expires = NextExpiry };
                    await foreach (var message in consumer.FetchAsync<byte[]>(next, cancellationToken: stoppingToken).ConfigureAwait(false))
                    {
                        messages.Add(message);
                    }
                }

                await HandleAsync(messages, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                consumer = null;
                LogFetchFailed(logger, ex.Message);
                await Task.Delay(Idle, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleAsync(List<INatsJSMsg<byte[]>> messages, CancellationToken stoppingToken)
    {
        var valid = new List<(INatsJSMsg<byte[]> Message, long Seq)>(messages.Count);
        foreach (var message in messages)
        {
            if (TryReadSeq(message.Data ?? [], out var seq))
            {
                valid.Add((message, seq));
                continue;
            }

            LogBadMessage(logger, message.Subject);
            await message.AckTerminateAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
            Interlocked.Increment(ref _messages);
        }

        if (valid.Count == 0)
        {
            return;
        }

        IReadOnlyList<long> claimed;
        try
        {
            claimed = await runs.ClaimForEventsAsync(valid.ConvertAll(v => v.Seq), stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var (_, seq) in valid)
            {
                LogClaimFailed(logger, ex, seq);
            }

            await Task.WhenAll(valid.Select(v => v.Message.NakAsync(new AckOpts { NakDelay = TimeSpan.FromSeconds(1) }, stoppingToken).AsTask())).ConfigureAwait(false);
            return;
        }

        // The claim is committed: the runs are Running in SQLite, so the messages are done with. The acks go out together.
        await Task.WhenAll(valid.Select(v => v.Message.AckAsync(cancellationToken: stoppingToken).AsTask())).ConfigureAwait(false);
        foreach (var (message, seq) in valid)
        {
            LogClaimed(logger, seq, message.Metadata?.NumDelivered ?? 1);
        }

        Interlocked.Add(ref _messages, valid.Count);
        Interlocked.Add(ref _claimed, claimed.Count);
        await dispatcher.EnqueueClaimedAsync(claimed, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Reads <c>{"seq": n}</c>.</summary>
    public static bool TryReadSeq(ReadOnlySpan<byte> payload, out long seq)
    {
        seq = 0;
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSeq = reader.ValueTextEquals("seq"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isSeq)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out seq) && seq > 0;
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching from JetStream failed: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JetStream message on {Subject} has no {{\"seq\":n}} payload; terminated")]
    private static partial void LogBadMessage(ILogger logger, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming the runs of event {Seq} failed; the message is redelivered")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, long seq);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {Seq}: runs claimed from JetStream (delivery {Delivery})")]
    private static partial void LogClaimed(ILogger logger, long seq, ulong delivery);
}
