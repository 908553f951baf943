using System.Text;

namespace Dashboard.Nats.Internal;

/// <summary>Writes client protocol commands into a byte span.</summary>
internal static class CommandFormatter
{
    public const int Overhead = 64;

    public static int GetPublishLength(string subject, string? replyTo, int headerLength, int payloadLength) =>
        Overhead + Encoding.UTF8.GetByteCount(subject) + (replyTo is null ? 0 : Encoding.UTF8.GetByteCount(replyTo))
        + headerLength + payloadLength;

    public static int WritePublish(
        Span<byte> destination, string subject, string? replyTo, NatsHeaders? headers, int headerLength, ReadOnlySpan<byte> payload)
    {
        var at = Append(destination, headers is null ? "PUB "u8 : "HPUB "u8, 0);
        at += Encoding.UTF8.GetBytes(subject, destination[at..]);
        destination[at++] = (byte)' ';
        if (replyTo is not null)
        {
            at += Encoding.UTF8.GetBytes(replyTo, destination[at..]);
            destination[at++] = (byte)' ';
        }

        if (headers is not null)
        {
            at = AppendNumber(destination, headerLength, at);
            destination[at++] = (byte)' ';
        }

        at = AppendNumber(destination, headerLength + payload.Length, at);
        at = Append(destination, "\r\n"u8, at);
        if (headers is not null)
        {
            at += HeaderCodec.Write(headers, destination[at..]);
        }

        payload.CopyTo(destination[at..]);
        at += payload.Length;
        return Append(destination, "\r\n"u8, at);
    }

    public static byte[] Subscribe(string subject, string? queueGroup, long sid) =>
        Encoding.UTF8.GetBytes(queueGroup is null ? $"SUB {subject} {sid}\r\n" : $"SUB {subject} {queueGroup} {sid}\r\n");

    public static byte[] Unsubscribe(long sid) => Encoding.ASCII.GetBytes($"UNSUB {sid}\r\n");

    public static void ValidateSubject(string subject, string parameterName, bool allowWildcards)
    {
        if (string.IsNullOrEmpty(subject) || subject.AsSpan().IndexOfAny(" \t\r\n") >= 0
            || subject.StartsWith('.') || subject.EndsWith('.') || subject.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Invalid subject '{subject}'.", parameterName);
        }

        if (!allowWildcards && subject.AsSpan().IndexOfAny('*', '>') >= 0
            && subject.Split('.').Any(token => token is "*" or ">"))
        {
            throw new ArgumentException($"Subject '{subject}' has wildcards; publish subjects cannot.", parameterName);
        }
    }

    private static int Append(Span<byte> destination, ReadOnlySpan<byte> text, int at)
    {
        text.CopyTo(destination[at..]);
        return at + text.Length;
    }

    private static int AppendNumber(Span<byte> destination, int value, int at)
    {
        value.TryFormat(destination[at..], out var written);
        return at + written;
    }
}
