using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Dashboard.Runtime.Nats.Eventing;

/// <summary>
/// Reads a JetStream publish acknowledgement the way a de-duplicated publisher needs it. NATS.Net's
/// <c>EnsureSuccess</c> throws for a duplicate <c>Nats-Msg-Id</c>, but a duplicate is the answer a retried publish
/// expects when its first attempt was stored and only the acknowledgement was lost (a node failing over, a timeout):
/// the message is in the stream, so it counts as stored.
/// </summary>
public static class PubAcks
{
    /// <summary>Throws when the stream refused the message; otherwise true when it already held this message id.</summary>
    public static bool EnsureStored(this PubAckResponse ack)
    {
        ArgumentNullException.ThrowIfNull(ack);
        if (ack.Error is { } error)
        {
            throw new NatsJSApiException(error);
        }

        return ack.Duplicate;
    }
}
