using System.Text;
using Dashboard.Nats.Internal;

namespace Dashboard.Nats;

public sealed partial class NatsConnection : ISessionHost
{
    private long _inboxSid;

    CommandWriter ISessionHost.Writer => _writer;

    PongTracker ISessionHost.Pongs => _pongs;

    void ISessionHost.OnMessage(ProtocolReader reader, in ServerOp op)
    {
        if (!_subs.TryGet(op.Sid, out var entry))
        {
            return;
        }

        var subject = Encoding.UTF8.GetString(reader.Slice(op.Subject));
        var replyTo = op.HasReplyTo ? Encoding.UTF8.GetString(reader.Slice(op.ReplyTo)) : null;
        var payload = reader.Slice(op.Payload);
        NatsHeaders? headers = null;
        if (op.Kind == ServerOpKind.HMsg)
        {
            headers = HeaderCodec.Parse(payload[..op.HeaderLength]);
            payload = payload[op.HeaderLength..];
        }

        entry.Sink.Deliver(new NatsMsg(subject, replyTo, headers, payload.ToArray(), this));
    }

    void ISessionHost.OnInfo(NatsServerInfo info) => ServerInfo = info;

    bool ISessionHost.OnServerError(string message)
    {
        Log($"Server error: {message}");
        Raise(ServerError, new NatsServerErrorEventArgs(message));
        var permission = PermissionError.TryParse(message);
        if (permission is null)
        {
            return !message.StartsWith("Invalid", StringComparison.OrdinalIgnoreCase);
        }

        var error = new NatsPermissionException(message);
        if (permission.IsPublish)
        {
            _inbox.FailRequestsTo(permission.Subject, error);
            return false;
        }

        foreach (var entry in _subs.All)
        {
            if (entry.Subject == permission.Subject
                && (permission.QueueGroup is null || entry.QueueGroup == permission.QueueGroup)
                && _subs.Remove(entry.Sid))
            {
                entry.Sink.Fault(error);
            }
        }

        return false;
    }

    internal void ReportSlowConsumer(NatsSubscription subscription)
    {
        Log($"Slow consumer on '{subscription.Subject}' (sid {subscription.Sid}): dropping messages.");
        Raise(SlowConsumer, new NatsSlowConsumerEventArgs(subscription));
    }

    private void EnsureInbox()
    {
        lock (_subLock)
        {
            if (_inboxSid != 0)
            {
                return;
            }

            _inboxSid = _subs.NextSid();
            _subs.Add(new SubscriptionEntry(_inboxSid, _inbox.Subject, null, _inbox));
            _writer.TryWriteRaw(CommandFormatter.Subscribe(_inbox.Subject, null, _inboxSid), onlyIfConnected: true);
        }
    }
}
