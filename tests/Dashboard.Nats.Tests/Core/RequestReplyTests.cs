using System.Text;
using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.Core;

public sealed class RequestReplyTests(JetStreamServerFixture fixture) : IClassFixture<JetStreamServerFixture>
{
    [Fact]
    public async Task RequestAsync_WithResponder_ReturnsReply()
    {
        await using var connection = await fixture.ConnectAsync();
        var subject = TestOptions.Unique("svc.");
        await using var service = await connection.SubscribeAsync(subject);
        var responder = RespondAsync(service, count: 1);

        var reply = await connection.RequestAsync(subject, "ping"u8.ToArray());

        Assert.Equal("echo:ping", Encoding.UTF8.GetString(reply.Data.Span));
        await responder;
    }

    [Fact]
    public async Task RequestAsync_ManyConcurrent_AllAnsweredThroughOneInbox()
    {
        await using var client = await fixture.ConnectAsync();
        await using var server = await fixture.ConnectAsync();
        var subject = TestOptions.Unique("svc.");
        await using var service = await server.SubscribeAsync(subject);
        var responder = RespondAsync(service, count: 500);

        var replies = await Task.WhenAll(Enumerable.Range(0, 500)
            .Select(i => client.RequestAsync(subject, Encoding.UTF8.GetBytes(i.ToString()))));

        for (var i = 0; i < replies.Length; i++)
        {
            Assert.Equal($"echo:{i}", Encoding.UTF8.GetString(replies[i].Data.Span));
        }

        await responder;
    }

    [Fact]
    public async Task RequestAsync_NoResponders_ThrowsNoRespondersQuickly()
    {
        await using var connection = await fixture.ConnectAsync();
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<NatsNoRespondersException>(
            () => connection.RequestAsync(TestOptions.Unique("nobody."), "x"u8.ToArray(), timeout: TimeSpan.FromSeconds(5)));

        Assert.StartsWith("nobody.", error.Subject, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task RequestAsync_ResponderSilent_ThrowsTimeout()
    {
        await using var connection = await fixture.ConnectAsync();
        var subject = TestOptions.Unique("silent.");
        await using var silent = await connection.SubscribeAsync(subject);

        await Assert.ThrowsAsync<NatsTimeoutException>(
            () => connection.RequestAsync(subject, "x"u8.ToArray(), timeout: TimeSpan.FromMilliseconds(200)));
    }

    private static async Task RespondAsync(NatsSubscription service, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var request = await Eventually.NextAsync(service, TimeSpan.FromSeconds(10));
            await request.ReplyAsync(Encoding.UTF8.GetBytes("echo:" + Encoding.UTF8.GetString(request.Data.Span)));
        }
    }
}
