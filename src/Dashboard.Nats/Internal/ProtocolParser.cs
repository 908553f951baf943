using System.Text;

namespace Dashboard.Nats.Internal;

/// <summary>Allocation-free parser of server operations over a byte span.</summary>
internal static class ProtocolParser
{
    public const int MaxControlLine = 1024 * 1024;

    /// <summary>
    /// Parses one operation from <paramref name="buffer"/>. Returns false when more bytes are needed;
    /// <paramref name="required"/> then says how many bytes the operation needs at least.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> buffer, int baseOffset, out ServerOp op, out int consumed, out int required)
    {
        op = default;
        consumed = 0;
        required = 0;
        var lf = buffer.IndexOf((byte)'\n');
        if (lf < 0)
        {
            if (buffer.Length > MaxControlLine)
            {
                throw new NatsProtocolException($"Control line longer than {MaxControlLine} bytes.");
            }

            required = buffer.Length + 1;
            return false;
        }

        if (lf == 0 || buffer[lf - 1] != (byte)'\r')
        {
            throw Malformed(buffer[..lf]);
        }

        var line = buffer[..(lf - 1)];
        var lineLength = lf + 1;
        var opLength = line.IndexOfAny((byte)' ', (byte)'\t');
        var name = opLength < 0 ? line : line[..opLength];
        var argsStart = opLength < 0 ? line.Length : opLength + 1;
        var args = line[argsStart..];
        var argsOffset = baseOffset + argsStart;

        if (Ascii.EqualsIgnoreCase(name, "MSG"u8) || Ascii.EqualsIgnoreCase(name, "HMSG"u8))
        {
            var headers = name.Length == 4;
            if (!TryParseMsgArgs(args, argsOffset, headers, out op))
            {
                throw Malformed(line);
            }

            var payloadLength = op.Payload.End.Value;
            var total = lineLength + payloadLength + 2;
            if (buffer.Length < total)
            {
                required = total;
                return false;
            }

            if (buffer[total - 2] != (byte)'\r' || buffer[total - 1] != (byte)'\n')
            {
                throw new NatsProtocolException("Message payload is not followed by CRLF.");
            }

            var payloadStart = baseOffset + lineLength;
            op = op with { Payload = payloadStart..(payloadStart + payloadLength) };
            consumed = total;
            return true;
        }

        consumed = lineLength;
        op = ParseSimple(name, args, argsOffset, line);
        return true;
    }

    private static ServerOp ParseSimple(ReadOnlySpan<byte> name, ReadOnlySpan<byte> args, int argsOffset, ReadOnlySpan<byte> line)
    {
        if (Ascii.EqualsIgnoreCase(name, "PING"u8))
        {
            return new ServerOp(ServerOpKind.Ping);
        }

        if (Ascii.EqualsIgnoreCase(name, "PONG"u8))
        {
            return new ServerOp(ServerOpKind.Pong);
        }

        if (Ascii.EqualsIgnoreCase(name, "+OK"u8))
        {
            return new ServerOp(ServerOpKind.Ok);
        }

        var text = argsOffset..(argsOffset + args.Length);
        if (Ascii.EqualsIgnoreCase(name, "-ERR"u8))
        {
            return new ServerOp(ServerOpKind.Err, Text: text);
        }

        if (Ascii.EqualsIgnoreCase(name, "INFO"u8) && args.Length > 0)
        {
            return new ServerOp(ServerOpKind.Info, Text: text);
        }

        throw Malformed(line);
    }

    private static bool TryParseMsgArgs(ReadOnlySpan<byte> args, int offset, bool headers, out ServerOp op)
    {
        op = default;
        Span<Range> tokens = stackalloc Range[6];
        var count = ArgTokenizer.Tokenize(args, tokens);
        var expected = headers ? 4 : 3;
        if (count != expected && count != expected + 1)
        {
            return false;
        }

        var hasReply = count == expected + 1;
        if (!ArgTokenizer.TryParseNumber(args[tokens[1]], out var sid))
        {
            return false;
        }

        long headerLength = 0;
        if (!ArgTokenizer.TryParseNumber(args[tokens[count - 1]], out var totalLength)
            || (headers && (!ArgTokenizer.TryParseNumber(args[tokens[count - 2]], out headerLength) || headerLength > totalLength))
            || totalLength > int.MaxValue - MaxControlLine)
        {
            return false;
        }

        var reply = hasReply ? Shift(tokens[2], offset) : default;
        op = new ServerOp(
            headers ? ServerOpKind.HMsg : ServerOpKind.Msg,
            Subject: Shift(tokens[0], offset),
            Sid: sid,
            ReplyTo: reply,
            HasReplyTo: hasReply,
            HeaderLength: (int)headerLength,
            Payload: 0..(int)totalLength);
        return true;
    }

    private static Range Shift(Range r, int offset) => (r.Start.Value + offset)..(r.End.Value + offset);

    private static NatsProtocolException Malformed(ReadOnlySpan<byte> line)
    {
        var shown = line.Length > 80 ? line[..80] : line;
        return new NatsProtocolException($"Malformed protocol line from server: '{Encoding.UTF8.GetString(shown)}'.");
    }
}
