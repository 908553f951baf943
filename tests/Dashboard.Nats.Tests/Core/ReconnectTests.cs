using System.Collections.Concurrent;
using Dashboard.Nats.JetStream;
using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.Core;

public sealed class ReconnectTests
{
    [Fact]
    public async Task Reconnect_ServerRestartedOnSamePortAndStore_ResubscribesAndStoredMessagesAreFetched()
    {
        await using var server = await NatsServerProcess.StartAsync();
        var states = new ConcurrentQueue<NatsConnectionStateChangedEventArgs>();
        await using var connection = new NatsConnection(TestOptions.Fast with { Url = server.Url });
        connection.StateChanged += (_, e) => states.Enqueue(e);
        await connection.ConnectAsync();
        var js = new NatsJetStream(connection);
        await js.CreateStreamAsync(new StreamConfig { Name = "DURABLE", Subjects = ["durable.>"] });
        await js.CreateOrUpdateConsumerAsync("DURABLE", new ConsumerConfig { DurableName = "w", AckWait = TimeSpan.FromSeconds(30) });
        for (var i = 0; i < 3; i++)
        {
            await js.PublishAsync("durable.x", BitConverter.GetBytes(i));
        }

        await using var live = await connection.SubscribeAsync("live.>");

        await server.StopAsync();
        await Eventually.TrueAsync(() => connection.State != NatsConnectionState.Connected, "disconnect noticed");
        await server.StartAgainAsync();
        await Eventually.TrueAsync(() => connection.State == NatsConnectionState.Connected, "reconnected");

        await using var other = new NatsConnection(TestOptions.Fast with { Url = server.Url });
        await other.ConnectAsync();
        await other.PublishAsync("live.after", "back"u8.ToArray());
        var resubscribed = await Eventually.NextAsync(live);
        var stored = await js.FetchAsync("DURABLE", "w", new FetchOptions { MaxMessages = 10, Expires = TimeSpan.FromSeconds(1) });

        Assert.Equal("live.after", resubscribed.Subject);
        Assert.Equal([0, 1, 2], stored.Select(m => BitConverter.ToInt32(m.Data.Span)));
        var sequence = states.Select(s => s.State).ToList();
        Assert.Contains(NatsConnectionState.Disconnected, sequence);
        Assert.Contains(NatsConnectionState.Reconnecting, sequence);
        Assert.Equal(NatsConnectionState.Connected, sequence[^1]);
        Assert.False(string.IsNullOrEmpty(states.First(s => s.State == NatsConnectionState.Disconnected).Reason));
    }

    [Fact]
    public async Task PublishAsync_WhileDisconnected_BufferedAndSentAfterReconnect()
    {
        await using var server = await NatsServerProcess.StartAsync();
        await using var connection = new NatsConnection(TestOptions.Fast with { Url = server.Url });
        await connection.ConnectAsync();
        await using var subscription = await connection.SubscribeAsync("buffered");

        await server.StopAsync();
        await Eventually.TrueAsync(() => connection.State != NatsConnectionState.Connected, "disconnect noticed");
        await connection.PublishAsync("buffered", "kept"u8.ToArray());
        await server.StartAgainAsync();

        var msg = await Eventually.NextAsync(subscription, TimeSpan.FromSeconds(10));
        Assert.Equal("kept"u8.ToArray(), msg.Data.ToArray());
    }

    [Fact]
    public async Task DisposeAsync_ConnectedClient_ReportsClosedAndCompletesSubscriptions()
    {
        await using var server = await NatsServerProcess.StartAsync();
        var connection = new NatsConnection(TestOptions.Fast with { Url = server.Url });
        await connection.ConnectAsync();
        var subscription = await connection.SubscribeAsync("closing");

        await connection.DisposeAsync();

        Assert.Equal(NatsConnectionState.Closed, connection.State);
        await subscription.Msgs.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await connection.PublishAsync("x", "y"u8.ToArray()));
    }
}
