using System.Text;
using Dashboard.Nats.Internal;

namespace Dashboard.Nats.Tests.Internal;

public sealed class HeaderCodecTests
{
    [Fact]
    public void Write_ThenParse_RoundTripsRepeatedKeys()
    {
        var headers = new NatsHeaders { { "Nats-Msg-Id", "abc" }, { "X", "1" }, { "X", "2" } };
        var buffer = new byte[HeaderCodec.GetLength(headers)];

        var written = HeaderCodec.Write(headers, buffer);
        var parsed = HeaderCodec.Parse(buffer);

        Assert.Equal(buffer.Length, written);
        Assert.StartsWith("NATS/1.0\r\nNats-Msg-Id: abc\r\n", Encoding.UTF8.GetString(buffer), StringComparison.Ordinal);
        Assert.Equal("abc", parsed["nats-msg-id"]);
        Assert.Equal(["1", "2"], parsed.GetAll("X"));
        Assert.Null(parsed.StatusCode);
    }

    [Theory]
    [InlineData("NATS/1.0 404 No Messages\r\n\r\n", 404, "No Messages")]
    [InlineData("NATS/1.0 408 Request Timeout\r\nNats-Pending-Messages: 1\r\n\r\n", 408, "Request Timeout")]
    [InlineData("NATS/1.0 100 Idle Heartbeat\r\n\r\n", 100, "Idle Heartbeat")]
    [InlineData("NATS/1.0 503\r\n\r\n", 503, null)]
    public void Parse_StatusLine_ExposesCodeAndDescription(string block, int code, string? description)
    {
        var headers = HeaderCodec.Parse(Encoding.ASCII.GetBytes(block));

        Assert.Equal(code, headers.StatusCode);
        Assert.Equal(description, headers.StatusDescription);
    }

    [Fact]
    public void Add_NameWithColon_Throws()
    {
        var headers = new NatsHeaders();

        Assert.Throws<ArgumentException>(() => headers.Add("Bad:Name", "x"));
        Assert.Throws<ArgumentException>(() => headers.Add("Good", "line\r\nbreak"));
    }
}
