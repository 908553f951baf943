using Dashboard.Nats.Tests.Infrastructure;

namespace Dashboard.Nats.Tests.Core;

public sealed class FailoverTests
{
    [Fact]
    public async Task ConnectAsync_FirstUrlDown_ConnectsToNextServer()
    {
        await using var down = await NatsServerProcess.StartAsync();
        await down.StopAsync();
        await using var up = await NatsServerProcess.StartAsync();
        await using var connection = new NatsConnection(TestOptions.Fast with { Url = $"{down.Url}, {up.Url}" });

        await connection.ConnectAsync();

        Assert.Equal(up.Port, connection.ServerInfo!.Port);
    }

    [Fact]
    public async Task Reconnect_CurrentServerStops_MovesToOtherServerAndResubscribes()
    {
        await using var first = await NatsServerProcess.StartAsync();
        await using var second = await NatsServerProcess.StartAsync();
        await using var connection = new NatsConnection(TestOptions.Fast with { Url = $"{first.Url},{second.Url}" });
        await connection.ConnectAsync();
        await using var subscription = await connection.SubscribeAsync("failover");

        await first.StopAsync();
        await Eventually.TrueAsync(
            () => connection.State == NatsConnectionState.Connected && connection.ServerInfo!.Port == second.Port, "moved to second server");
        await using var publisher = new NatsConnection(TestOptions.Fast with { Url = second.Url });
        await publisher.ConnectAsync();
        await publisher.PublishAsync("failover", "here"u8.ToArray());

        var msg = await Eventually.NextAsync(subscription);
        Assert.Equal("here"u8.ToArray(), msg.Data.ToArray());
    }
}
