using System.Text;
using Dashboard.Nats.Internal;

namespace Dashboard.Nats.Tests.Internal;

public sealed class ProtocolParserTests
{
    [Fact]
    public void TryParse_MsgWithReply_ReturnsRangesAndConsumesWholeMessage()
    {
        var bytes = "MSG orders.1 7 _INBOX.x 5\r\nhello\r\nPING\r\n"u8;

        Assert.True(ProtocolParser.TryParse(bytes, 0, out var op, out var consumed, out _));

        Assert.Equal(ServerOpKind.Msg, op.Kind);
        Assert.Equal("orders.1", Text(bytes, op.Subject));
        Assert.Equal(7, op.Sid);
        Assert.True(op.HasReplyTo);
        Assert.Equal("_INBOX.x", Text(bytes, op.ReplyTo));
        Assert.Equal("hello", Text(bytes, op.Payload));
        Assert.Equal(bytes.Length - 6, consumed);
    }

    [Fact]
    public void TryParse_HmsgWithBaseOffset_RangesAreAbsolute()
    {
        var frame = "HMSG a 1 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"u8;
        var buffer = new byte[frame.Length + 3];
        frame.CopyTo(buffer.AsSpan(3));

        Assert.True(ProtocolParser.TryParse(buffer.AsSpan(3), 3, out var op, out _, out _));

        Assert.Equal(ServerOpKind.HMsg, op.Kind);
        Assert.False(op.HasReplyTo);
        Assert.Equal(12, op.HeaderLength);
        Assert.Equal("NATS/1.0\r\n\r\nhi", Text(buffer, op.Payload));
        Assert.Equal("a", Text(buffer, op.Subject));
    }

    [Theory]
    [InlineData("MSG a 1 5\r\nhel")]
    [InlineData("MSG a 1 5\r\nhello\r")]
    [InlineData("MSG a 1")]
    [InlineData("PI")]
    public void TryParse_IncompleteFrame_AsksForMoreBytes(string partial)
    {
        var bytes = Encoding.ASCII.GetBytes(partial);

        Assert.False(ProtocolParser.TryParse(bytes, 0, out _, out var consumed, out var required));

        Assert.Equal(0, consumed);
        Assert.True(required > bytes.Length);
    }

    [Theory]
    [InlineData("PING\r\n", "Ping")]
    [InlineData("pong\r\n", "Pong")]
    [InlineData("+OK\r\n", "Ok")]
    [InlineData("-ERR 'Stale Connection'\r\n", "Err")]
    [InlineData("INFO {\"server_id\":\"x\"}\r\n", "Info")]
    public void TryParse_ControlLines_RecognisesOperation(string line, string kind)
    {
        var expected = Enum.Parse<ServerOpKind>(kind);

        Assert.True(ProtocolParser.TryParse(Encoding.ASCII.GetBytes(line), 0, out var op, out var consumed, out _));

        Assert.Equal(expected, op.Kind);
        Assert.Equal(line.Length, consumed);
    }

    [Theory]
    [InlineData("BOGUS\r\n")]
    [InlineData("MSG a notanumber 5\r\nhello\r\n")]
    [InlineData("MSG a 1 -5\r\n")]
    [InlineData("HMSG a 1 20 10\r\n0123456789\r\n")]
    [InlineData("MSG a 1 5\r\nhelloXX")]
    [InlineData("PING\n")]
    [InlineData("MSG a b c d e f g\r\n")]
    public void TryParse_MalformedInput_ThrowsProtocolException(string input)
    {
        Assert.Throws<NatsProtocolException>(() => ProtocolParser.TryParse(Encoding.ASCII.GetBytes(input), 0, out _, out _, out _));
    }

    private static string Text(ReadOnlySpan<byte> bytes, Range range) => Encoding.UTF8.GetString(bytes[range]);
}
