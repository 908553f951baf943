using Dashboard.Runtime.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>
/// In Nats mode, pulls from the durable consumer no more messages than there are free workers
/// (<see cref="RunMessagePulls"/>), claims the arrived events' fresh Queued runs in SQLite (one statement in the event
/// writer's group commit per batch; on a worker instance in the owner's, through <see cref="IRunStorage"/>),
/// acknowledges the messages once the claim committed, and hands the runs to the dispatcher's workers. From the ack on,
/// SQLite owns at-least-once: a crash leaves the runs Running and startup resumes them.
/// </summary>
/// <remarks>
/// Why messages are never handed back: every delivery counts towards the consumer's MaxDeliver, and a message that
/// reaches it is dead-lettered (<see cref="MaxDeliveriesWatcher"/>). Returning what a busy instance held (a NAK) would
/// let a healthy event die of saturation alone; holding it and extending its ack wait (in-progress acks) would keep it
/// from another instance that has free workers. So the instance asks only for what its free workers can start, and
/// when they are all busy it asks for nothing: the rest of a burst stays on the server for whichever instance asks
/// next. A delivery counts twice only when a claim failed (NAK with a delay) or the instance stopped with messages in
/// flight. A slot taken by an in-process sync run between the request and the arrival makes the claimed run wait for
/// the next free worker: it is already acknowledged, so it cannot be redelivered either.
/// </remarks>
public sealed partial class JetStreamWorker(
    NatsConnectionManager manager,
    IRunStorage runs,
    IDispatchControl dispatcher,
    TimeProvider clock,
    ILogger<JetStreamWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);

    // How often free workers are checked for while no request is open (the dispatcher has no freed-slot signal). While
    // one is open nothing can be asked for anyway: the wait ends when a message or the request's expiry arrives, or
    // after OpenPoll to check the request's deadline.
    private static readonly TimeSpan SlotPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan OpenPoll = TimeSpan.FromSeconds(1);
    private long _claimed;
    private long _messages;
    private long _redelivered;

    /// <summary>Runs claimed from JetStream messages.</summary>
    public long Claimed => Interlocked.Read(ref _claimed);

    /// <summary>Messages handled (acknowledged or terminated).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Messages that arrived on a second or later delivery (after a failed claim, an ack wait, a restart).</summary>
    public long Redelivered => Interlocked.Read(ref _redelivered);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var jetStream = manager.JetStream;
            if (jetStream is null || !manager.IsNatsDispatchActive)
            {
                await Task.Delay(Idle, clock, stoppingToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                if (!await PullAsync(jetStream, stoppingToken).ConfigureAwait(false))
                {
                    LogConsumerMissing(logger, manager.Options.Nats.ConsumerName);
                    await Task.Delay(Idle, clock, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFetchFailed(logger, ex.Message);
                await Task.Delay(Idle, clock, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One subscription, kept while dispatch stays on this connection; false when the consumer was missing.</summary>
    private async Task<bool> PullAsync(NatsJSContext jetStream, CancellationToken stoppingToken)
    {
        var nats = manager.Options.Nats;
        var pulls = await RunMessagePulls.OpenAsync(jetStream, nats.StreamName, nats.ConsumerName, clock, stoppingToken).ConfigureAwait(false);
        await using (pulls.ConfigureAwait(false))
        {
            var batch = new List<INatsJSMsg<byte[]>>(RunMessagePulls.MaxCredit);
            while (!pulls.Ended && !pulls.ConsumerMissing && ReferenceEquals(manager.JetStream, jetStream) && manager.IsNatsDispatchActive)
            {
                batch.Clear();
                if (await pulls.WaitAsync(pulls.Credit > 0 ? OpenPoll : SlotPoll, stoppingToken).ConfigureAwait(false))
                {
                    pulls.TakeReady(batch);
                }

                // The next request goes out before this batch's claim commits, so its round trip overlaps the commit;
                // the batch's messages will take workers that still count as free, so they are left out.
                await pulls.RequestAsync(dispatcher.FreeSlots - batch.Count, stoppingToken).ConfigureAwait(false);
                await HandleAsync(batch, stoppingToken).ConfigureAwait(false);
            }

            // Leaving (dispatch moved, or the connection changed): no more arrives once unsubscribed; what already did
            // was delivered once, so it is claimed like any other rather than left to its ack wait.
            await pulls.UnsubscribeAsync().ConfigureAwait(false);
            batch.Clear();
            pulls.TakeReady(batch);
            await HandleAsync(batch, stoppingToken).ConfigureAwait(false);
            return !pulls.ConsumerMissing;
        }
    }

    private async Task HandleAsync(List<INatsJSMsg<byte[]>> messages, CancellationToken stoppingToken)
    {
        var valid = new List<(INatsJSMsg<byte[]> Message, long Seq)>(messages.Count);
        foreach (var message in messages)
        {
            if (RunMessagePayload.TryReadSeq(message.Data ?? [], out var seq))
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

        // The claim is committed: the runs are Running in SQLite, so the messages are done with. The acks are written
        // together (the connection flushes them in one go) and only then awaited.
        var acks = new ValueTask[valid.Count];
        for (var i = 0; i < valid.Count; i++)
        {
            acks[i] = valid[i].Message.AckAsync(cancellationToken: stoppingToken);
        }

        foreach (var ack in acks)
        {
            await ack.ConfigureAwait(false);
        }

        foreach (var (message, seq) in valid)
        {
            var delivery = message.Metadata?.NumDelivered ?? 1;
            if (delivery > 1)
            {
                Interlocked.Increment(ref _redelivered);
            }

            LogClaimed(logger, seq, delivery);
        }

        Interlocked.Add(ref _messages, valid.Count);
        Interlocked.Add(ref _claimed, claimed.Count);
        await dispatcher.EnqueueClaimedAsync(claimed, stoppingToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching from JetStream failed: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Nothing answers pull requests for JetStream consumer {Consumer}; retrying")]
    private static partial void LogConsumerMissing(ILogger logger, string consumer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "JetStream message on {Subject} has no {{\"seq\":n}} payload; terminated")]
    private static partial void LogBadMessage(ILogger logger, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming the runs of event {Seq} failed; the message is redelivered")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, long seq);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {Seq}: runs claimed from JetStream (delivery {Delivery})")]
    private static partial void LogClaimed(ILogger logger, long seq, ulong delivery);
}
