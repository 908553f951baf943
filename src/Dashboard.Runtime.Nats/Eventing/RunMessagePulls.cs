using System.Globalization;
using System.Text;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>
/// Pulls run messages from the shared durable consumer over one long-lived inbox subscription
/// (<c>&lt;inbox&gt;.*</c>), one pull request open at a time (<see cref="PullCredit"/>). Each request replies to its own
/// subject under the inbox, so a status (408 expired, 409, 503) ends the request it answers and never a newer one.
/// Unlike NATS.Net's consume, which tops its prefetch up as soon as messages are taken, this asks only for what free
/// workers can start; unlike a fetch per batch, it costs no subscription of its own per request.
/// </summary>
internal sealed class RunMessagePulls(NatsJSContext jetStream, INatsSub<byte[]> subscription, string inbox, string nextSubject, TimeProvider clock)
    : IAsyncDisposable
{
    /// <summary>At most this many messages asked for and not yet arrived.</summary>
    public const int MaxCredit = 64;
    private static readonly TimeSpan Expires = Compatibility.ServerVersionGuard.Expiry(TimeSpan.FromSeconds(5));

    // A request the server dropped without a status (a reconnect) stops counting this long after its expiry.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private readonly PullCredit _credit = new();
    private Task<bool>? _waiting;

    /// <summary>Messages the open request may still bring.</summary>
    public int Credit => _credit.Credit;

    /// <summary>True once the server answered that nothing serves the consumer (503: stream or consumer missing).</summary>
    public bool ConsumerMissing { get; private set; }

    /// <summary>True once the subscription ended (unsubscribed, or its connection closed) and everything it held was taken.</summary>
    public bool Ended => subscription.Msgs.Completion.IsCompleted;

    public static async Task<RunMessagePulls> OpenAsync(NatsJSContext jetStream, string stream, string consumer, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Not the connection's NewInbox(): subjects under that prefix go to the client's request-reply muxer, which
        // matches replies by exact subject and would drop every message on a wildcard.
        var inbox = $"{jetStream.Connection.Opts.InboxPrefix}.pull-{Guid.NewGuid():N}";
        var subscription = await jetStream.Connection.SubscribeCoreAsync<byte[]>($"{inbox}.*", cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return new RunMessagePulls(jetStream, subscription, inbox, $"{jetStream.Opts.Prefix}.CONSUMER.MSG.NEXT.{stream}.{consumer}", clock);
    }

    /// <summary>Asks for as many messages as <paramref name="freeWorkers"/> can start, unless a request is still open.</summary>
    public async ValueTask RequestAsync(int freeWorkers, CancellationToken cancellationToken)
    {
        var now = NowMs();
        _credit.ExpireBefore(now);
        var batch = _credit.ToRequest(freeWorkers, MaxCredit);
        if (batch == 0)
        {
            return;
        }

        var id = _credit.Open(batch, now + (long)(Expires + Grace).TotalMilliseconds);
        var body = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"batch\":{batch},\"expires\":{Expires.Ticks * 100}}}"));
        await jetStream.Connection.PublishAsync(nextSubject, body, replyTo: $"{inbox}.{id}", cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits up to <paramref name="wait"/> for something to arrive; true when something did (or the subscription ended).</summary>
    public async Task<bool> WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        _waiting ??= subscription.Msgs.WaitToReadAsync(cancellationToken).AsTask();
        if (!_waiting.IsCompleted)
        {
            await Task.WhenAny(_waiting, Task.Delay(wait, clock, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (!_waiting.IsCompleted)
        {
            return false;
        }

        _waiting = null;
        return true;
    }

    /// <summary>Moves every message that has arrived into <paramref name="into"/>, and settles the statuses that came with them.</summary>
    public void TakeReady(List<INatsJSMsg<byte[]>> into)
    {
        while (subscription.Msgs.TryRead(out var message))
        {
            if (message.ReplyTo is not null)
            {
                // Delivered under the stream's subject, so it counts against the one open request.
                _credit.Delivered();
                into.Add(new NatsJSMsg<byte[]>(message, jetStream));
                continue;
            }

            // A status without a message: the request ended (408 expired, 409 and the like), or nothing answers for
            // the consumer (503 no responders); 100 is an idle heartbeat, which these requests do not ask for.
            if (message.HasNoResponders || message.Headers?.Code == 503)
            {
                ConsumerMissing = true;
            }

            if (message.Headers?.Code != 100)
            {
                _credit.Ended(RequestId(message.Subject));
            }
        }
    }

    /// <summary>Stops the subscription; what had already arrived stays readable through <see cref="TakeReady"/>.</summary>
    public ValueTask UnsubscribeAsync() => subscription.UnsubscribeAsync();

    public async ValueTask DisposeAsync()
    {
        await subscription.DisposeAsync().ConfigureAwait(false);
        if (_waiting is { IsCompleted: false } waiting)
        {
            await Task.WhenAny(waiting).ConfigureAwait(false);
        }
    }

    private long NowMs() => (long)clock.GetElapsedTime(0).TotalMilliseconds;

    private static long RequestId(string subject) =>
        long.TryParse(subject.AsSpan(subject.LastIndexOf('.') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}
