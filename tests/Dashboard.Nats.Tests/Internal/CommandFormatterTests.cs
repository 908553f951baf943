using System.Text;
using Dashboard.Nats.Internal;

namespace Dashboard.Nats.Tests.Internal;

public sealed class CommandFormatterTests
{
    [Fact]
    public void WritePublish_NoHeaders_WritesPubLine()
    {
        var text = Format("foo", "bar", null, "hi"u8.ToArray());

        Assert.Equal("PUB foo bar 2\r\nhi\r\n", text);
    }

    [Fact]
    public void WritePublish_WithHeaders_WritesHpubWithBothLengths()
    {
        var headers = new NatsHeaders { { "A", "b" } };

        var text = Format("foo", null, headers, "hi"u8.ToArray());

        Assert.Equal("HPUB foo 18 20\r\nNATS/1.0\r\nA: b\r\n\r\nhi\r\n", text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.*")]
    [InlineData("a.>")]
    public void ValidateSubject_InvalidPublishSubject_Throws(string subject)
    {
        Assert.Throws<ArgumentException>(() => CommandFormatter.ValidateSubject(subject, "subject", allowWildcards: false));
    }

    private static string Format(string subject, string? reply, NatsHeaders? headers, byte[] payload)
    {
        var headerLength = headers is null ? 0 : HeaderCodec.GetLength(headers);
        var buffer = new byte[CommandFormatter.GetPublishLength(subject, reply, headerLength, payload.Length)];
        var written = CommandFormatter.WritePublish(buffer, subject, reply, headers, headerLength, payload);
        return Encoding.UTF8.GetString(buffer, 0, written);
    }
}
