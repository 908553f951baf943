using System.Text.Json;

namespace Dashboard.Nats.JetStream;

public sealed partial class NatsJetStream
{
    /// <summary>
    /// Pulls up to <see cref="FetchOptions.MaxMessages"/> from a pull consumer. Returns early on status 404
    /// (no messages, with no_wait), 408 (request expired) and 409 (e.g. max waiting exceeded); throws on a
    /// deleted consumer or missed heartbeats. Heartbeats (status 100) are consumed.
    /// </summary>
    public async Task<IReadOnlyList<NatsJsMsg>> FetchAsync(
        string stream, string consumer, FetchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FetchOptions();
        var inbox = Connection.NewInbox();
        await using var subscription = Connection.Subscribe(inbox, null, options.MaxMessages + 16);
        var request = new PullRequest(
            options.MaxMessages,
            options.NoWait ? null : options.Expires,
            options.NoWait ? true : null,
            options.NoWait ? null : options.IdleHeartbeat);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, JetStreamJsonContext.Default.PullRequest);
        await Connection.PublishAsync($"{apiPrefix}.CONSUMER.MSG.NEXT.{stream}.{consumer}", body, replyTo: inbox, cancellationToken: cancellationToken)
            .ConfigureAwait(false);

        var deadline = options.NoWait ? _timeout : options.Expires + TimeSpan.FromSeconds(1);
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        expiry.CancelAfter(deadline);
        var messages = new List<NatsJsMsg>(options.MaxMessages);
        while (messages.Count < options.MaxMessages)
        {
            NatsMsg msg;
            try
            {
                var read = subscription.Msgs.ReadAsync(expiry.Token).AsTask();
                msg = options.IdleHeartbeat is { } heartbeat && !options.NoWait
                    ? await read.WaitAsync(MissedAfter(heartbeat), cancellationToken).ConfigureAwait(false)
                    : await read.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (TimeoutException)
            {
                throw new NatsJetStreamException($"Missed heartbeats from consumer '{stream}.{consumer}'.");
            }

            switch (msg.StatusCode)
            {
                case null:
                    messages.Add(new NatsJsMsg(msg, Connection));
                    break;
                case 100:
                    break;
                case 404 or 408:
                    return messages;
                case 409 when !IsTerminal(msg):
                    return messages;
                default:
                    throw new NatsJetStreamException(
                        $"Fetch from '{stream}.{consumer}' failed with status {msg.StatusCode} {msg.Headers?.StatusDescription}.");
            }
        }

        return messages;
    }

    /// <summary>
    /// Two heartbeat intervals plus slack: the first heartbeat comes an interval after the server got the request, and
    /// a busy client or server can be late by scheduling delays, which must not count as a dead consumer.
    /// </summary>
    private static TimeSpan MissedAfter(TimeSpan heartbeat) =>
        heartbeat * 2 + (heartbeat > TimeSpan.FromSeconds(1) ? heartbeat : TimeSpan.FromSeconds(1));

    /// <summary>409s that will not go away by retrying: the consumer was deleted or is a push consumer.</summary>
    private static bool IsTerminal(NatsMsg msg)
    {
        var description = msg.Headers?.StatusDescription ?? string.Empty;
        return description.Contains("Deleted", StringComparison.OrdinalIgnoreCase)
            || description.Contains("push", StringComparison.OrdinalIgnoreCase);
    }
}
