using System.Globalization;

namespace Dashboard.Nats.JetStream;

/// <summary>
/// Delivery facts carried in the reply subject: <c>$JS.ACK.&lt;stream&gt;.&lt;consumer&gt;.&lt;delivered&gt;.&lt;sseq&gt;.&lt;cseq&gt;.&lt;ts&gt;.&lt;pending&gt;</c>
/// (or the newer form with domain and account hash in front of the stream).
/// </summary>
public sealed record NatsJsMsgMetadata(
    string Stream,
    string Consumer,
    ulong NumDelivered,
    ulong StreamSequence,
    ulong ConsumerSequence,
    DateTimeOffset Timestamp,
    ulong NumPending,
    string? Domain)
{
    public static bool TryParse(string? replyTo, out NatsJsMsgMetadata? metadata)
    {
        metadata = null;
        if (replyTo is null || !replyTo.StartsWith("$JS.ACK.", StringComparison.Ordinal))
        {
            return false;
        }

        var tokens = replyTo.Split('.');
        int first;
        string? domain = null;
        if (tokens.Length == 9)
        {
            first = 2;
        }
        else if (tokens.Length >= 11)
        {
            first = 4;
            domain = tokens[2] == "_" ? null : tokens[2];
        }
        else
        {
            return false;
        }

        if (!Number(tokens[first + 2], out var delivered) || !Number(tokens[first + 3], out var streamSeq)
            || !Number(tokens[first + 4], out var consumerSeq) || !Number(tokens[first + 5], out var nanos)
            || !Number(tokens[first + 6], out var pending))
        {
            return false;
        }

        var timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));
        metadata = new NatsJsMsgMetadata(tokens[first], tokens[first + 1], delivered, streamSeq, consumerSeq, timestamp, pending, domain);
        return true;
    }

    private static bool Number(string token, out ulong value) =>
        ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
